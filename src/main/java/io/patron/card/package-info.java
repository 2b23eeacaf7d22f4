/** Cards and card types: customer cards, free-card pools and their assignment, digital card files, external card services. */
package io.patron.card;
