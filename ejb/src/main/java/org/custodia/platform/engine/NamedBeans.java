package org.custodia.platform.engine;

import java.util.AbstractMap;
import java.util.Set;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * The engine's view of the application's {@code @Named} CDI beans, so a model's
 * {@code camunda:delegateExpression="${name}"} reaches a context's delegate without the engine being told
 * about it. Camunda asks beans by name only ({@code containsKey}, {@code get}); listing them is not needed.
 */
final class NamedBeans extends AbstractMap<Object, Object> {

    private final BeanManager beans;

    NamedBeans(BeanManager beans) {
        this.beans = beans;
    }

    @Override
    public boolean containsKey(Object name) {
        return name instanceof String s && !beans.getBeans(s).isEmpty();
    }

    @Override
    public Object get(Object name) {
        if (!(name instanceof String s)) {
            return null;
        }
        Set<Bean<?>> candidates = beans.getBeans(s);
        if (candidates.isEmpty()) {
            return null;
        }
        Bean<?> bean = beans.resolve(candidates);
        // Object is a type of every bean (an EJB's bean class is not, unless it is @LocalBean)
        return beans.getReference(bean, Object.class, beans.createCreationalContext(bean));
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        throw new UnsupportedOperationException("the engine resolves beans by name only");
    }
}
