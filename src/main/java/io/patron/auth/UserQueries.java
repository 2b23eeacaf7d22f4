package io.patron.auth;

import static io.patron.api.Filters.EQ_IGNORE_CASE;
import static io.patron.api.Filters.EQ;
import static io.patron.api.Filters.CONTAINS;
import static io.patron.db.Tables.APP_USER;
import static io.patron.db.Tables.USER_ROLE;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Translations;

/** Reads of users and user roles. */
@Service
@Transactional(readOnly = true)
public class UserQueries {

    public record User(String userId, String login, String firstName, String lastName, String email, String phone,
                       List<String> userRoleIds, String storeId, LocalDateTime lastLogin) {
        User withRoles(List<String> roles) {
            return new User(userId, login, firstName, lastName, email, phone, roles, storeId, lastLogin);
        }
    }

    public record UserRole(String userRoleId, String name) {
    }

    private final ListQueries lists;
    private final AuthRepository repository;
    private final ListSpec<User> users;

    UserQueries(ListQueries lists, AuthRepository repository, Clock clock) {
        this.lists = lists;
        this.repository = repository;
        this.users = ListSpec.<User>from(APP_USER)
                .id("user_id", APP_USER.ID)
                .field("login", APP_USER.LOGIN, EQ_IGNORE_CASE)
                .field("first_name", APP_USER.FIRST_NAME, CONTAINS)
                .field("last_name", APP_USER.LAST_NAME, CONTAINS)
                .field("email", APP_USER.EMAIL, EQ_IGNORE_CASE)
                .field("phone", APP_USER.PHONE, EQ)
                .field("store_id", APP_USER.STORE_ID, EQ)
                .field("last_login", ApiTime.local(APP_USER.LAST_LOGIN, clock))
                .map(r -> new User(r.get("user_id", String.class), r.get("login", String.class),
                        r.get("first_name", String.class), r.get("last_name", String.class),
                        r.get("email", String.class), r.get("phone", String.class), List.of(),
                        r.get("store_id", String.class), r.get("last_login", LocalDateTime.class)));
    }

    private static ListSpec<UserRole> roles(Language language) {
        return ListSpec.<UserRole>from(USER_ROLE)
                .id("user_role_id", USER_ROLE.ID)
                .field("name", Translations.text("user_role.name", USER_ROLE.ID, language))
                .map(r -> r.into(UserRole.class));
    }

    public Page<User> users(ListParams params) {
        Page<User> page = lists.page(users, params);
        return new Page<>(withRoles(page.items()), page.totalItems());
    }

    public User user(String id) {
        return lists.one(users, APP_USER.ID.eq(id)).map(u -> withRoles(List.of(u)).getFirst())
                .orElseThrow(() -> ApiError.notFound("users", id));
    }

    private List<User> withRoles(List<User> page) {
        if (page.isEmpty()) {
            return page;
        }
        Map<String, List<String>> roles = repository.roleIds(page.stream().map(User::userId).toList());
        return page.stream().map(u -> u.withRoles(roles.getOrDefault(u.userId(), List.of()))).toList();
    }

    public Page<UserRole> userRoles(ListParams params, Language language) {
        return lists.page(roles(language), params);
    }

    public UserRole userRole(String id, Language language) {
        return lists.one(roles(language), USER_ROLE.ID.eq(id)).orElseThrow(() -> ApiError.notFound("user-roles", id));
    }

}
