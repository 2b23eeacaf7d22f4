/**
 * Bookings of time slots of booking tickets (therapists, rooms, events) with their capacity, product reservations
 * (click and reserve) with reservable products and their prices, and charged entrances recorded by POS systems.
 */
package io.patron.booking;
