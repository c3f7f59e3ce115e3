/** The access audit in the document store ({@code personal_data_access}). */
package cn.onenet.routing.privacy.persistence;
