package cn.onenet.platform.web;

import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Strict JSON, Problem Details and correlation ids for the servlet services. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class OneNetWebConfiguration {

    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    /**
     * The JSON converter of requests and responses, with the mapper Boot built (and {@link StrictJson} made strict),
     * in the place of Boot's own: set on the finished list, so whatever else configures it, this one reads every JSON
     * body. Not a bean: a converter bean would be put before the text and byte converters and write a controller's
     * {@code String} as a JSON string.
     */
    @Bean
    ServerHttpMessageConvertersCustomizer everyFieldJsonConverter(JsonMapper mapper,
            ObjectProvider<Validator> validator) {
        EveryFieldJsonConverter converter = new EveryFieldJsonConverter(mapper, validator);
        return builder -> builder.configureMessageConvertersList(converters -> converters.replaceAll(
                existing -> existing.getClass() == JacksonJsonHttpMessageConverter.class ? converter : existing));
    }

    /** A call's parameters read again, each on its own, with MVC's own conversion service and validator. */
    @Bean
    EveryParameter oneNetEveryParameter(ApplicationContext context, ObjectProvider<Validator> validator) {
        return new EveryParameter(() -> context.getBean("mvcConversionService", ConversionService.class), validator);
    }

    /** Answers with Problem Details, every parameter's problem among them. */
    @Bean
    ProblemHandler problemHandler(EveryParameter parameters) {
        return new ProblemHandler(parameters);
    }

    /**
     * Query parameters of date-times with offset, read also with their {@code +} left unencoded; a parameter taken
     * once refused when given more than once.
     */
    @Bean
    WebMvcConfigurer queryParameters(EveryParameter parameters) {
        SingleValuedParameters singleValued = new SingleValuedParameters(parameters);
        return new WebMvcConfigurer() {
            @Override
            public void addFormatters(FormatterRegistry registry) {
                registry.addFormatterForFieldType(OffsetDateTime.class, new QueryDateTime());
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(singleValued);
            }
        };
    }

    /**
     * What Tomcat refuses on its own (before any servlet) answered as Problem Details too; and parameters read from the
     * query alone, never from a form body (the services take JSON: a POST's form body with {@code %ZZ} in it failed
     * the first read of a parameter with a 500).
     */
    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
            factory.addConnectorCustomizers(connector -> connector.setParseBodyMethods(""));
        };
    }

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<GatewayKeyFilter> gatewayKeyFilter() {
        FilterRegistrationBean<GatewayKeyFilter> registration = new FilterRegistrationBean<>(new GatewayKeyFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** After the correlation filter, so its problems carry the id, and around security and the handlers. */
    @Bean
    FilterRegistrationBean<EmptyErrorAnswers> emptyErrorAnswers(JsonMapper json) {
        FilterRegistrationBean<EmptyErrorAnswers> registration =
                new FilterRegistrationBean<>(new EmptyErrorAnswers(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /** After the correlation filter (its refusal carries the id), before security and everything else. */
    @Bean
    FilterRegistrationBean<AcceptHeaderFilter> acceptHeaderFilter(JsonMapper json) {
        FilterRegistrationBean<AcceptHeaderFilter> registration =
                new FilterRegistrationBean<>(new AcceptHeaderFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
