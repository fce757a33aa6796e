package dev.imagepipeline.generation.image;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Hands tests one {@link S3Proxy}, started when first asked for and stopped after the last test class. */
final class S3ProxyExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
            .create(S3ProxyExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3Proxy.class;
    }

    @Override
    public S3Proxy resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root context's store closes what it holds when the whole run ends.
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(S3Proxy.class, type -> S3Proxy.start(), S3Proxy.class);
    }
}
