package io.patron.booking;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import org.springframework.stereotype.Component;

import io.patron.api.Caller;
import io.patron.booking.BookingBodies.BookingInput;
import io.patron.booking.BookingBodies.BookingItemInput;
import io.patron.booking.ReservationBodies.Item;
import io.patron.booking.ReservationBodies.PriceInput;
import io.patron.booking.ReservationBodies.ReservationInput;
import io.patron.card.CardQueries;
import io.patron.catalog.PluId;
import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.reference.CurrencyQueries;

/**
 * The demo's bookings, reservation prices and reservations, through the same services as the API. Customers are
 * named by a card number, slots by their ticket, day (from today) and time (the first slot from then on), stores by
 * code; bookings and
 * reservations get stable ids, so importing again adds nothing.
 * <pre>
 * demo_bookings: [ { key: b1, card_number: "2900000000001", ticket: massage, day: 1, time: "10:00", capacity: 1 } ]
 * product_reservation_prices: [ { plu: { list_code: GLOBAL, code: "..." }, store: PRG01, currency: CZK, value: 990 } ]
 * demo_product_reservations: [ { key: r1, card_number: "...", store: PRG01, source: eshop, items: [ { plu: ..., amount: 1 } ] } ]
 * </pre>
 */
@Component
class BookingDemoImport implements ProjectImport {

    record DemoBooking(String key, String cardNumber, String ticket, Integer day, String time, Integer capacity,
                       String status) {
    }

    record DemoPrice(PluId plu, String store, String currency, BigDecimal value) {
    }

    record DemoItem(PluId plu, BigDecimal amount) {
    }

    record DemoReservation(String key, String cardNumber, String store, String source, List<DemoItem> items,
                           List<String> benefitCodes, Integer state) {
    }

    private static final Caller IMPORT = new Caller.Anonymous("project-import");

    private final BookingService bookings;
    private final BookingRepository bookingRepository;
    private final ReservationService reservations;
    private final ReservationRepository reservationRepository;
    private final CardQueries cards;
    private final io.patron.catalog.CatalogQueries catalog;
    private final Clock clock;

    BookingDemoImport(BookingService bookings, BookingRepository bookingRepository, ReservationService reservations,
                      ReservationRepository reservationRepository, CardQueries cards,
                      io.patron.catalog.CatalogQueries catalog, Clock clock) {
        this.bookings = bookings;
        this.bookingRepository = bookingRepository;
        this.reservations = reservations;
        this.reservationRepository = reservationRepository;
        this.cards = cards;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public void apply(ProjectFile file) {
        for (DemoBooking b : file.section("demo_bookings", DemoBooking.class)) {
            String id = Ids.stable("booking", b.key());
            if (bookingRepository.bookingExists(id)) {
                continue;
            }
            LocalDate day = LocalDate.now(clock).plusDays(b.day() == null ? 1 : b.day());
            var start = day.atTime(LocalTime.parse(b.time())).atZone(clock.getZone()).toOffsetDateTime();
            String slot = bookingRepository.slotFrom(b.ticket(), start).orElseThrow(() -> new IllegalStateException(
                    "demo_bookings " + b.key() + ": no slot of " + b.ticket() + " at " + start));
            LocalDateTime now = LocalDateTime.now(clock);
            bookings.create(IMPORT, new BookingInput(customer(b.cardNumber()),
                    List.of(new BookingItemInput(null, slot, b.capacity(), null, now)), b.status(), null, null, now), id);
        }
        for (DemoPrice p : file.section("product_reservation_prices", DemoPrice.class)) {
            String product = catalog.productIdByPlu(List.of(p.plu())).orElseThrow(() -> new IllegalStateException(
                    "product_reservation_prices: no product " + p.plu()));
            reservations.upsertPrices(List.of(new PriceInput(product, null, p.value(),
                    CurrencyQueries.currencyId(p.currency()), p.store() == null ? null : Ids.stable("store", p.store()))),
                    1).throwIfAnyFailed();
        }
        for (DemoReservation r : file.section("demo_product_reservations", DemoReservation.class)) {
            String id = Ids.stable("product_reservation", r.key());
            if (reservationRepository.exists(id)) {
                continue;
            }
            List<Item> items = r.items().stream().map(i -> new Item(catalog.productIdByPlu(List.of(i.plu()))
                    .orElseThrow(), i.amount(), null, null)).toList();
            reservations.create(IMPORT, new ReservationInput(customer(r.cardNumber()), Ids.stable("store", r.store()),
                    null, r.benefitCodes(), r.source(), null, null, null, items, null, null), id);
            if (r.state() != null && r.state() != 1) {
                reservations.changeState(IMPORT, id, r.state());
            }
        }
    }

    private String customer(String cardNumber) {
        if (cardNumber == null) {
            return null;
        }
        return cards.cardByNumber(cardNumber).map(io.patron.card.CardBodies.Card::customerId)
                .orElseThrow(() -> new IllegalStateException("demo: no card " + cardNumber));
    }
}
