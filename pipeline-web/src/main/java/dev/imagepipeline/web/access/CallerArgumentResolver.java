package dev.imagepipeline.web.access;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands a controller the {@link Caller} the access filter found. A request the filter did not see (a test that leaves
 * filters out) has a caller who sees nothing while access control is on.
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private final boolean controlled;

    CallerArgumentResolver(boolean controlled) {
        this.controlled = controlled;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binders) {
        var caller = request.getAttribute(Caller.class.getName(), RequestAttributes.SCOPE_REQUEST);
        if (caller instanceof Caller known) {
            return known;
        }
        return controlled ? new Caller(null, true) : Caller.ANYONE;
    }
}
