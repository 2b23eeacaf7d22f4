/** The product catalogue: products, brands, the product group tree, product tags and their batch synchronisation. */
package io.patron.catalog;
