package org.custodia.dsar.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.custodia.identity.domain.UserAccount;

/**
 * Who hears of a request's deadline. The review task's candidates are the tenant's APPROVER users (the DPO role):
 * <ul>
 * <li>warning: the one working the request (the assignee of its open task) if reachable, else every APPROVER user,
 *     since an unclaimed request is the candidates' together (and a request still in identity or discovery has no
 *     assignee);</li>
 * <li>breach: the assignee and every APPROVER user (the DPO must know of a breach even while a colleague works it);</li>
 * <li>escalation: every ADMIN user;</li>
 * <li>task assigned: the new assignee.</li>
 * </ul>
 * Only active users with a proven address are written to ({@link UserAccount#reachableByMail()}); nobody twice.
 */
public final class ReviewerRecipients {

    public static final String DPO_ROLE = "APPROVER";
    public static final String ADMIN_ROLE = "ADMIN";

    public enum Occasion { WARNING, BREACH, ESCALATION }

    private ReviewerRecipients() {
    }

    /**
     * @param assignee the user the request's open task is assigned to (empty when unassigned, assigned to an API key
     *                 or to a user no longer in the tenant)
     * @param users    the tenant's users
     * @return the addresses to write to, the assignee first
     */
    public static List<String> of(Occasion occasion, Optional<UserAccount> assignee, List<UserAccount> users) {
        Optional<UserAccount> reachableAssignee = assignee.filter(UserAccount::reachableByMail);
        Set<String> addresses = new LinkedHashSet<>();
        switch (occasion) {
            case WARNING -> {
                if (reachableAssignee.isPresent()) {
                    addresses.add(reachableAssignee.get().email());
                } else {
                    addresses.addAll(withRole(users, DPO_ROLE));
                }
            }
            case BREACH -> {
                reachableAssignee.ifPresent(u -> addresses.add(u.email()));
                addresses.addAll(withRole(users, DPO_ROLE));
            }
            case ESCALATION -> addresses.addAll(withRole(users, ADMIN_ROLE));
        }
        return List.copyOf(addresses);
    }

    private static List<String> withRole(List<UserAccount> users, String role) {
        List<String> addresses = new ArrayList<>();
        for (UserAccount u : users) {
            if (role.equals(u.role()) && u.reachableByMail()) {
                addresses.add(u.email());
            }
        }
        return addresses;
    }
}
