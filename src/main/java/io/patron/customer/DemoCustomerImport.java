package io.patron.customer;

import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;

import org.springframework.stereotype.Component;

import io.patron.property.PropertyChecker;
import io.patron.property.PropertyService;
import io.patron.api.InvalidParam;
import io.patron.api.Languages;
import io.patron.card.CardBodies;
import io.patron.card.CardService;
import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Imports the {@code demo_customers} section: generates customers from name and city pools, the same
 * ones on every start (a fixed seed). The email is the key: a customer whose email exists is skipped,
 * so importing again creates nothing. Every fifth customer has no card; the others get one of the
 * named card type, numbered from the card prefix and the customer's index.
 */
@Component
class DemoCustomerImport implements ProjectImport {

    private static final List<String> SPORTS = List.of("running", "cycling", "skiing", "swimming", "tennis");

    record City(String city, String zip, String street) {
    }

    record Description(Integer count, Long seed, String emailDomain, String source, String externalIdPrefix,
                       String cardType, String cardPrefix, List<String> firstNames, List<String> lastNames,
                       List<City> cities) {
    }

    private final PropertyService properties;
    private final CustomerRepository customers;
    private final CustomerActionService actions;
    private final CardService cards;
    private final Languages languages;
    private final Clock clock;

    DemoCustomerImport(CustomerRepository customers, CustomerActionService actions, CardService cards,
                       Languages languages, Clock clock, PropertyService properties) {
        this.properties = properties;
        this.customers = customers;
        this.actions = actions;
        this.cards = cards;
        this.languages = languages;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void apply(ProjectFile file) {
        for (Description description : file.section("demo_customers", Description.class)) {
            generate(file, description);
        }
    }

    private void generate(ProjectFile file, Description d) {
        String where = "Section 'demo_customers' of " + file.location();
        if (d.firstNames() == null || d.firstNames().isEmpty() || d.lastNames() == null || d.lastNames().isEmpty()
                || d.cities() == null || d.cities().isEmpty() || d.count() == null || d.emailDomain() == null) {
            throw new IllegalStateException(where + ": count, email_domain, first_names, last_names and cities are required");
        }
        String sourceId = d.source() == null ? null : Ids.stable("customer_source", d.source());
        if (sourceId != null && customers.activeSource(sourceId).isEmpty()) {
            throw new IllegalStateException(where + ": no active customer source '" + d.source() + "'");
        }
        String cardTypeId = d.cardType() == null ? null : Ids.stable("card_type", d.cardType());
        OffsetDateTime now = OffsetDateTime.now(clock);
        Random random = new Random(d.seed() == null ? 0 : d.seed());
        String language = languages.defaultLanguage();
        PropertyChecker checker = properties.checker(CustomerService.PROPERTY_KIND);
        Map<String, List<PropertyService.CheckedValue>> propertyValues = new LinkedHashMap<>();
        for (int i = 1; i <= d.count(); i++) {
            String first = d.firstNames().get(random.nextInt(d.firstNames().size()));
            String last = d.lastNames().get(random.nextInt(d.lastNames().size()));
            City city = d.cities().get(random.nextInt(d.cities().size()));
            LocalDate birthdate = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
            int house = 1 + random.nextInt(150);
            long phone = 420_600_000_000L + random.nextInt(100_000_000);
            boolean marketing = random.nextInt(3) > 0;
            int children = random.nextInt(4);
            String sport = SPORTS.get(random.nextInt(SPORTS.size()));
            String email = (plain(first) + "." + plain(last) + "." + i + "@" + d.emailDomain()).toLowerCase(Locale.ROOT);
            if (customers.idByEmail(email).isPresent()) {
                continue;
            }
            String customerId = Ids.newId();
            customers.insert(customerId, new CustomerBodies.PersonalInformation(null, null, first, last, null, null,
                    birthdate, email, Long.toString(phone), language, null, null,
                    new CustomerBodies.Address(city.street() + " " + house, null, null, null, null, null, null,
                            city.zip(), city.city(), "cz"), null, null), null, now);
            if (sourceId != null) {
                customers.insertSourceRecord(customerId, sourceId,
                        (d.externalIdPrefix() == null ? "" : d.externalIdPrefix()) + String.format("%06d", i), now);
            }
            List<InvalidParam> errors = new ArrayList<>();
            propertyValues.put(customerId, checker.check(customerId, List.of(
                    new PropertyService.PropertyRecordInput("children", JsonNodeFactory.instance.numberNode(children)),
                    new PropertyService.PropertyRecordInput("favourite_sport",
                            JsonNodeFactory.instance.stringNode(sport))),
                    "property_records", errors));
            if (!errors.isEmpty()) {
                throw new IllegalStateException(where + ": the customer properties 'children' (integer) and "
                        + "'favourite_sport' (string) must be defined: " + errors);
            }
            actions.setConsents(customerId, Map.of(CustomerActionService.GTC, 1,
                    CustomerActionService.MARKETING, marketing ? 1 : 0), now);
            if (cardTypeId != null && i % 5 != 0) {
                String number = (d.cardPrefix() == null ? "" : d.cardPrefix()) + String.format("%09d", i);
                cards.create(new CardBodies.Card(null, customerId, cardTypeId, number, null, null, null, null, null, 1));
            }
        }
        if (!propertyValues.isEmpty()) {
            properties.merge(CustomerService.PROPERTY_KIND, propertyValues);
        }
    }

    private static String plain(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
