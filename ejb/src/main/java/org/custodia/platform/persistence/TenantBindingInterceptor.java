package org.custodia.platform.persistence;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Binds the tenant a {@link TenantScoped} method names to the transaction the container started for it,
 * so row-level security shows that tenant's rows only. Runs inside the method's transaction (EJB
 * interceptors share the business method's transaction context). Fails closed: a method with no tenant
 * argument, or called with a null one, never runs, nor one that names another tenant than the transaction
 * already works for ({@link TenantSwitchException}). A method that runs without a transaction
 * ({@code NOT_SUPPORTED}) is not bound: the database then shows it no tenant's rows at all.
 */
@TenantScoped
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class TenantBindingInterceptor {

    /** Methods are code, so this map is bounded by the number of business methods. */
    private static final Map<Method, Optional<TenantArgument>> ARGUMENTS = new ConcurrentHashMap<>();

    @Inject
    TenantSession tenantSession;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @AroundInvoke
    public Object bind(InvocationContext invocation) throws Exception {
        UUID tenantId = tenantOf(invocation.getMethod(), invocation.getParameters());
        if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) { // marked for rollback too
            tenantSession.bind(tenantId);
        }
        return invocation.proceed();
    }

    /** The tenant the call names; throws {@link TenantNotNamedException} when it names none. */
    public static UUID tenantOf(Method method, Object[] arguments) {
        TenantArgument argument = ARGUMENTS.computeIfAbsent(method, TenantArgument::of)
                .orElseThrow(() -> new TenantNotNamedException(method.getDeclaringClass().getSimpleName() + "."
                        + method.getName() + " is tenant work but names no single tenant (an Actor or one @TenantId UUID)"));
        UUID tenantId = argument.tenantOf(arguments);
        if (tenantId == null) {
            throw new TenantNotNamedException(method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + " was called without a tenant");
        }
        return tenantId;
    }
}
