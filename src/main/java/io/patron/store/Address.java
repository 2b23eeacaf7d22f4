package io.patron.store;

import jakarta.validation.constraints.Size;

/**
 * A postal address of a store or partner, as the API shows and takes it. The country code is checked
 * against the known countries by the service ({@code not_found}).
 */
public record Address(@Size(max = 255) String address1, @Size(max = 255) String address2,
                      @Size(max = 255) String address3, @Size(max = 255) String address4,
                      @Size(max = 255) String address5, @Size(max = 255) String address6,
                      @Size(max = 255) String address7, @Size(max = 20) String zip, @Size(max = 255) String city,
                      String countryCode) {

    /** Null when every part is empty, so that an empty address is left out of answers. */
    static Address ofNullable(String... parts) {
        for (String part : parts) {
            if (part != null) {
                return new Address(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7],
                        parts[8], parts[9]);
            }
        }
        return null;
    }

    java.util.List<String> parts() {
        return java.util.Arrays.asList(address1, address2, address3, address4, address5, address6, address7, zip,
                city, countryCode == null ? null : countryCode.toLowerCase(java.util.Locale.ROOT));
    }
}
