-- PostgreSQL only: the reservable product search matches words with full-text prefix queries
-- (to_tsquery('simple', 'word:*')), served by this index. H2 runs the same search with LIKE on the
-- word-separated columns (see ReservationRepository.search), which needs no index at its sizes.
create index ix_reservable_product_search on reservable_product
    using gin (to_tsvector('simple', search_names || ' ' || search_codes));
