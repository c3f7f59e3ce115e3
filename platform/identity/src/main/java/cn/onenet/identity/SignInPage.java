package cn.onenet.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The page people sign in on, in Chinese with English beneath as the console is: Spring Security's own page spoke
 * English only ("Please sign in", "Bad credentials") to call-center staff. It posts to Spring Security's form login
 * ({@code POST /login}: username, password and the CSRF token); {@code ?error} after a refused password,
 * {@code ?logout} after signing out. Nothing but its own inline styles, nothing loaded from elsewhere.
 */
@Controller
class SignInPage {

    private static final String STYLE = """
            body{margin:0;font:15px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;\
            background:#f3f5f9;color:#1d2433}
            header{background:linear-gradient(90deg,#173d80,#1f4fa3);color:#fff;padding:14px 24px;font-weight:600}
            main{max-width:380px;margin:48px auto;padding:28px;background:#fff;border-radius:12px;\
            box-shadow:0 6px 24px rgba(20,40,80,.08)}
            h1{font-size:20px;margin:0 0 18px}.en{color:#667085;font-size:.8em;font-weight:400}
            label{display:block;margin:12px 0 4px}input{width:100%;box-sizing:border-box;padding:9px 10px;\
            border:1px solid #c9d2e3;border-radius:7px;font:inherit}
            button{margin-top:20px;width:100%;padding:10px;border:0;border-radius:7px;background:#1f4fa3;color:#fff;\
            font:inherit;font-weight:600;cursor:pointer}
            .message{padding:10px 12px;border-radius:7px;margin-bottom:8px}
            .error{background:#fdecea;color:#8a1c12}.ok{background:#e7f5ec;color:#17603a}
            """;

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String page(HttpServletRequest request) {
        StringBuilder html = new StringBuilder(2048)
            .append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .append("<title>一张网 · 登录 Sign in</title><style>").append(STYLE).append("</style></head><body>")
            .append("<header>一张网 <span class=\"en\" style=\"color:#dce6f8\">OneNetwork</span></header><main>")
            .append("<h1>登录 <span class=\"en\">Sign in</span></h1>");
        if (request.getParameter("error") != null) {
            html.append("<div class=\"message error\" role=\"alert\">用户名或密码不正确，请重试。<br>")
                .append("<span class=\"en\">Wrong username or password: try again.</span></div>");
        }
        else if (request.getParameter("logout") != null) {
            html.append("<div class=\"message ok\" role=\"status\">您已退出登录。<br>")
                .append("<span class=\"en\">You have signed out.</span></div>");
        }
        html.append("<form method=\"post\" action=\"").append(HtmlUtils.htmlEscape(request.getContextPath()))
            .append("/login\">")
            .append("<label for=\"username\">用户名 <span class=\"en\">Username</span></label>")
            .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus>")
            .append("<label for=\"password\">密码 <span class=\"en\">Password</span></label>")
            .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" ")
            .append("required>");
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
            html.append("<input type=\"hidden\" name=\"").append(HtmlUtils.htmlEscape(csrf.getParameterName()))
                .append("\" value=\"").append(HtmlUtils.htmlEscape(csrf.getToken())).append("\">");
        }
        return html.append("<button type=\"submit\">登录 <span class=\"en\" style=\"color:#dce6f8\">Sign in</span>")
            .append("</button></form></main></body></html>")
            .toString();
    }
}
