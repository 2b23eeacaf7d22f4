package io.patron.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The store capability's tables and columns. */
final class StoreTables {

    private StoreTables() {
    }

    /** The address columns shared by partners and stores, in the order of the API's address fields. */
    record AddressColumns(Field<String> address1, Field<String> address2, Field<String> address3,
                          Field<String> address4, Field<String> address5, Field<String> address6,
                          Field<String> address7, Field<String> zip, Field<String> city, Field<String> countryCode) {

        static AddressColumns of(String table) {
            return new AddressColumns(text(table, "address1"), text(table, "address2"), text(table, "address3"),
                    text(table, "address4"), text(table, "address5"), text(table, "address6"),
                    text(table, "address7"), text(table, "zip"), text(table, "city"), text(table, "country_code"));
        }

        List<Field<String>> all() {
            return List.of(address1, address2, address3, address4, address5, address6, address7, zip, city,
                    countryCode);
        }
    }

    private static Field<String> text(String table, String column) {
        return field(name(table, column), String.class);
    }

    static final Table<Record> PARTNER = table(name("partner"));
    static final Field<String> PARTNER_ID = text("partner", "id");
    static final Field<String> PARTNER_TEXT_ID = text("partner", "text_id");
    static final Field<String> PARTNER_REGISTRATION = text("partner", "registration_id");
    static final Field<String> PARTNER_VAT = text("partner", "vat_id");
    static final Field<String> PARTNER_EMAIL = text("partner", "email");
    static final Field<String> PARTNER_PHONE = text("partner", "phone");
    static final AddressColumns PARTNER_ADDRESS = AddressColumns.of("partner");
    static final Field<Integer> PARTNER_STATE = field(name("partner", "state"), Integer.class);
    static final Field<Integer> PARTNER_POSITION = field(name("partner", "position"), Integer.class);
    static final Field<OffsetDateTime> PARTNER_CHANGED =
            field(name("partner", "last_change"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    static final Table<Record> STORE = table(name("store"));
    static final Field<String> STORE_ID = text("store", "id");
    static final Field<String> STORE_CODE = text("store", "store_code");
    static final Field<String> STORE_SYSTEM_ID = text("store", "system_id");
    static final Field<String> STORE_PARTNER = text("store", "partner_id");
    static final Field<String> STORE_EMAIL = text("store", "contact_email");
    static final Field<String> STORE_MANAGER = text("store", "manager_name");
    static final Field<String> STORE_PHONE = text("store", "phone_number");
    static final Field<String> STORE_URL = text("store", "url_address");
    static final Field<String> STORE_REGISTRATION = text("store", "registration_id");
    static final AddressColumns STORE_ADDRESS = AddressColumns.of("store");
    static final Field<BigDecimal> STORE_LONGITUDE = field(name("store", "gps_longitude"), BigDecimal.class);
    static final Field<BigDecimal> STORE_LATITUDE = field(name("store", "gps_latitude"), BigDecimal.class);
    static final Field<String> STORE_OPENING = text("store", "opening");
    static final Field<String> STORE_IMAGES = text("store", "image_urls");
    static final Field<Integer> STORE_VISIBILITY = field(name("store", "visibility_for_customer"), Integer.class);
    static final Field<Integer> STORE_STATE = field(name("store", "state"), Integer.class);
    static final Field<OffsetDateTime> STORE_CHANGED =
            field(name("store", "last_change"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    static final Table<Record> GROUP = table(name("store_group"));
    static final Field<String> GROUP_ID = text("store_group", "id");
    static final Field<String> GROUP_TEXT_ID = text("store_group", "text_id");
    static final Field<Integer> GROUP_POSITION = field(name("store_group", "position"), Integer.class);
    static final Field<OffsetDateTime> GROUP_CHANGED =
            field(name("store_group", "last_change"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    static final Table<Record> MEMBER = table(name("store_group_record"));
    static final Field<String> MEMBER_ID = text("store_group_record", "id");
    static final Field<String> MEMBER_STORE = text("store_group_record", "store_id");
    static final Field<String> MEMBER_GROUP = text("store_group_record", "store_group_id");
    static final Field<OffsetDateTime> MEMBER_CHANGED =
            field(name("store_group_record", "last_change"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    /** Entities of the translated texts. */
    static final String PARTNER_NAME = "partner.name";
    static final String STORE_NAME = "store.name";
    static final String STORE_SHORT_DESCRIPTION = "store.short_description";
    static final String STORE_DESCRIPTION = "store.description";
    static final String GROUP_NAME = "store_group.name";

    /** Owner kinds of property records. */
    static final String STORE_KIND = "store";
    static final String PARTNER_KIND = "partner";
}
