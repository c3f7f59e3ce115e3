package cn.onenet.contracts;

public enum Urgency {
    NORMAL, URGENT, EMERGENCY
}
