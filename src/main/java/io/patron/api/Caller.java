package io.patron.api;

/** Who sent a request, as established by the authentication gate. */
public sealed interface Caller {

    /** The external application the call is made through, or null for anonymous calls. */
    String applicationId();

    /** The key whose rate limit and response cache this call uses. */
    String limitKey();

    /** A call without (valid) credentials. */
    record Anonymous(String clientAddress) implements Caller {
        @Override
        public String applicationId() {
            return null;
        }

        @Override
        public String limitKey() {
            return "ip:" + clientAddress;
        }
    }

    /** An Enterprise API user logged in through an external application. */
    record User(String userId, String applicationId, String credentialHash) implements Caller {
        @Override
        public String limitKey() {
            return "app:" + applicationId;
        }
    }

    /** A Customer API token; {@code customerId} is set once a customer has logged in on it. */
    record CustomerToken(String tokenHash, String applicationId, String customerId) implements Caller {
        @Override
        public String limitKey() {
            return "app:" + applicationId;
        }
    }
}
