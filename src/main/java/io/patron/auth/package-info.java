/** Users, user roles, external applications, and the Enterprise and Customer API tokens. */
package io.patron.auth;
