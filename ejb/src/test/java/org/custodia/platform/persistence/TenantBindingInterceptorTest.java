package org.custodia.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.custodia.platform.context.Actor;
import org.junit.jupiter.api.Test;

/** Tenant work runs only bound to the tenant it names, and never without one. */
class TenantBindingInterceptorTest {

    static final UUID TENANT = UUID.fromString("4b1f7c4e-0a43-4f7e-9a57-1d3c8f1f2a10");

    /** Shapes of service methods. */
    @SuppressWarnings("unused")
    static class Service {
        public String byActor(Actor actor, String x) { return "ran"; }
        public String byTenantId(String x, @TenantId UUID tenantId) { return "ran"; }
        public String unmarkedUuid(UUID tenantId) { return "ran"; }
        public String both(Actor actor, @TenantId UUID tenantId) { return "ran"; }
        public String none(String x) { return "ran"; }
    }

    final List<UUID> bound = new ArrayList<>();
    final FakeTransactions transactions = new FakeTransactions();
    final TenantBindingInterceptor interceptor = new TenantBindingInterceptor();

    TenantBindingInterceptorTest() {
        interceptor.tenantSession = new TenantSession() {
            @Override
            public void bind(UUID tenantId) {
                bound.add(tenantId);
            }
        };
        interceptor.transactions = transactions;
    }

    @Test
    void anActorArgumentBindsItsTenantBeforeTheBodyRuns() throws Exception {
        Call call = new Call("byActor", new Object[] {Actor.system(TENANT, "t", null), "x"});
        assertThat(interceptor.bind(call)).isEqualTo("ran");
        assertThat(bound).containsExactly(TENANT);
        assertThat(call.boundWhenProceeding).containsExactly(TENANT);
    }

    @Test
    void aTenantIdArgumentBindsItsTenant() throws Exception {
        Call call = new Call("byTenantId", new Object[] {"x", TENANT});
        interceptor.bind(call);
        assertThat(call.boundWhenProceeding).containsExactly(TENANT);
    }

    @Test
    void aNullTenantNeverReachesTheBody() {
        Call call = new Call("byTenantId", new Object[] {"x", null});
        assertThatThrownBy(() -> interceptor.bind(call)).isInstanceOf(TenantNotNamedException.class)
                .hasMessageContaining("without a tenant");
        assertThat(call.proceeded).isFalse();
        assertThat(bound).isEmpty();
    }

    @Test
    void aNullActorNeverReachesTheBody() {
        Call call = new Call("byActor", new Object[] {null, "x"});
        assertThatThrownBy(() -> interceptor.bind(call)).isInstanceOf(TenantNotNamedException.class);
        assertThat(call.proceeded).isFalse();
    }

    @Test
    void aMethodThatNamesNoTenantOrTwoNeverRuns() {
        for (Call call : List.of(new Call("none", new Object[] {"x"}), new Call("unmarkedUuid", new Object[] {TENANT}),
                new Call("both", new Object[] {Actor.system(TENANT, "t", null), TENANT}))) {
            assertThatThrownBy(() -> interceptor.bind(call)).as(call.method.getName())
                    .isInstanceOf(TenantNotNamedException.class).hasMessageContaining("names no single tenant");
            assertThat(call.proceeded).isFalse();
        }
        assertThat(bound).isEmpty();
    }

    @Test
    void withoutATransactionNothingIsBoundButTheTenantIsStillRequired() throws Exception {
        transactions.status = Status.STATUS_NO_TRANSACTION;
        Call call = new Call("byActor", new Object[] {Actor.system(TENANT, "t", null), "x"});
        interceptor.bind(call);
        assertThat(call.proceeded).isTrue();
        assertThat(bound).isEmpty();
        assertThatThrownBy(() -> interceptor.bind(new Call("byActor", new Object[] {null, "x"})))
                .isInstanceOf(TenantNotNamedException.class);
    }

    @Test
    void aTransactionMarkedForRollbackIsStillBoundBeforeTheBodyRuns() throws Exception {
        transactions.status = Status.STATUS_MARKED_ROLLBACK;
        Call call = new Call("byTenantId", new Object[] {"x", TENANT});
        interceptor.bind(call);
        assertThat(call.boundWhenProceeding).containsExactly(TENANT);
    }

    @Test
    void aRefusedBindingNeverReachesTheBody() {
        interceptor.tenantSession = new TenantSession() {
            @Override
            public void bind(UUID tenantId) {
                throw new TenantSwitchException("bound to another tenant");
            }
        };
        Call call = new Call("byTenantId", new Object[] {"x", TENANT});
        assertThatThrownBy(() -> interceptor.bind(call)).isInstanceOf(TenantSwitchException.class);
        assertThat(call.proceeded).isFalse();
    }

    final class Call implements InvocationContext {
        final Method method;
        final Object[] arguments;
        boolean proceeded;
        List<UUID> boundWhenProceeding;

        Call(String name, Object[] arguments) {
            this.method = java.util.Arrays.stream(Service.class.getDeclaredMethods())
                    .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
            this.arguments = arguments;
        }

        @Override public Object getTarget() { return new Service(); }
        @Override public Object getTimer() { return null; }
        @Override public Method getMethod() { return method; }
        @Override public Constructor<?> getConstructor() { return null; }
        @Override public Object[] getParameters() { return arguments; }
        @Override public void setParameters(Object[] params) { throw new UnsupportedOperationException(); }
        @Override public Map<String, Object> getContextData() { return new HashMap<>(); }

        @Override
        public Object proceed() {
            proceeded = true;
            boundWhenProceeding = List.copyOf(bound);
            return "ran";
        }
    }

    static final class FakeTransactions implements TransactionSynchronizationRegistry {
        int status = Status.STATUS_ACTIVE;
        @Override public Object getTransactionKey() { return null; }
        @Override public void putResource(Object key, Object value) { }
        @Override public Object getResource(Object key) { return null; }
        @Override public void registerInterposedSynchronization(Synchronization sync) { }
        @Override public int getTransactionStatus() { return status; }
        @Override public void setRollbackOnly() { }
        @Override public boolean getRollbackOnly() { return false; }
    }
}
