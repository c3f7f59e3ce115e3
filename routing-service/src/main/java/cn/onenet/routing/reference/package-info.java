/** Reference data routing owns: departments, the dispatch catalogue of categories with SLAs, communities. */
package cn.onenet.routing.reference;
