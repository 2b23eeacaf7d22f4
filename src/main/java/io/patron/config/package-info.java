/** Project configuration: properties, the project file imported at start, time and bootstrap data. */
package io.patron.config;
