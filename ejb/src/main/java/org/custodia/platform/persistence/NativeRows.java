package org.custodia.platform.persistence;

import java.util.List;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

/** A native query's rows, each made into a value: how repositories read their tables. */
public final class NativeRows {

    private NativeRows() {
    }

    /** The rows of {@code sql}, its {@code ?1} bound to {@code parameter} (null: the query has none), each through {@code row}. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> of(EntityManager em, String sql, Object parameter, Function<Object[], T> row) {
        var query = em.createNativeQuery(sql);
        if (parameter != null) {
            query.setParameter(1, parameter);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(row).toList();
    }
}
