package io.patron.catalog;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/** The catalogue: reads on both interfaces, batch synchronisation on the Enterprise API only. */
@ApiController
class CatalogController {

    private final CatalogQueries catalog;
    private final CatalogSync sync;

    CatalogController(CatalogQueries catalog, CatalogSync sync) {
        this.catalog = catalog;
        this.sync = sync;
    }

    @GetMapping("/products")
    Envelope products(ListParams params, Language language) {
        return Envelope.list("products", catalog.products(params, language));
    }

    @GetMapping("/products/{product_id}")
    Envelope product(@PathVariable("product_id") String id, Language language) {
        return Envelope.of(catalog.product(id, language));
    }

    @GetMapping("/products/tags")
    Envelope tags(ListParams params, Language language) {
        return Envelope.list("tags", catalog.tags(params, language));
    }

    /** The outcome is thrown only here, after the commit: with error_processing=2 the good records stay. */
    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/products/batch")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void syncProducts(@Valid @RequestBody CatalogBatch.Products body, Language language) {
        sync.products(body.products(), body.errorProcessing(), language).throwIfAnyFailed();
    }

    @GetMapping("/product-brands")
    Envelope brands(ListParams params, Language language) {
        return Envelope.list("product_brands", catalog.brands(params, language));
    }

    @GetMapping("/product-brands/{product_brand_id}")
    Envelope brand(@PathVariable("product_brand_id") String id, Language language) {
        return Envelope.of(catalog.brand(id, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/product-brands/batch")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void syncBrands(@Valid @RequestBody CatalogBatch.Brands body, Language language) {
        sync.brands(body.productBrands(), body.errorProcessing(), language).throwIfAnyFailed();
    }

    @GetMapping("/product-groups")
    Envelope groups(ListParams params, Language language) {
        return Envelope.list("product_groups", catalog.groups(params, language));
    }

    @GetMapping("/product-groups/{product_group_id}")
    Envelope group(@PathVariable("product_group_id") String id, Language language) {
        return Envelope.of(catalog.group(id, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/product-groups/batch")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void syncGroups(@Valid @RequestBody CatalogBatch.Groups body, Language language) {
        sync.groups(body.productGroups(), body.errorProcessing(), language).throwIfAnyFailed();
    }

    @GetMapping("/product-properties")
    Envelope productProperties(ListParams params, Language language) {
        return Envelope.list("product_properties", catalog.productProperties(params, language));
    }

    @GetMapping("/product-properties/{product_property_id}")
    Envelope productProperty(@PathVariable("product_property_id") String id, Language language) {
        return Envelope.of(catalog.productProperty(id, language));
    }
}
