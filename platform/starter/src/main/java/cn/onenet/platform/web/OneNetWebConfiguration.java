package cn.onenet.platform.web;

import jakarta.validation.Validator;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Strict JSON, Problem Details and correlation ids for the servlet services. */
@AutoConfiguration(beforeName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
    "org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class OneNetWebConfiguration {

    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    /**
     * The JSON converter of requests and responses, with the mapper Boot built (and {@link StrictJson} made strict);
     * declared here so Boot's own steps back and every JSON body is read by this one.
     */
    @Bean
    EveryFieldJsonConverter everyFieldJsonConverter(JsonMapper mapper, ObjectProvider<Validator> validator) {
        return new EveryFieldJsonConverter(mapper, validator);
    }

    @Bean
    ServerHttpMessageConvertersCustomizer everyFieldJsonServerConverter(EveryFieldJsonConverter converter) {
        return builder -> builder.withJsonConverter(converter);
    }

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    /** What Tomcat refuses on its own (before any servlet) answered as Problem Details too. */
    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
