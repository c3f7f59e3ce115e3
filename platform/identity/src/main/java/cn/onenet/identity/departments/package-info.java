/** The district's departments, read from the routing service's reference data before a department system is added. */
package cn.onenet.identity.departments;
