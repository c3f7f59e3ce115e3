/** The categories and communities intake validates against, as last published by routing-service. */
package cn.onenet.intake.reference;
