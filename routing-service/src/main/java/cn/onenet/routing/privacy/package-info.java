/**
 * Personal data in clear, for those who need it, and the record of every such read: who, what, when and why
 * (个人信息保护法: minimum necessary, access control, records of access). Everyone else sees masked values.
 */
package cn.onenet.routing.privacy;
