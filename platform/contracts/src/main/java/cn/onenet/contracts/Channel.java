package cn.onenet.contracts;

/** The service networks a request can arrive from. */
public enum Channel {
    /** 党建网 */
    PARTY_BUILDING("党建网"),
    /** 民生网 */
    LIVELIHOOD("民生网"),
    /** 综治网 */
    GOVERNANCE("综治网"),
    /** 法官网 */
    COURT("法官网"),
    /** 律师网 */
    LAWYER("律师网"),
    /** 警务通 */
    POLICE("警务通"),
    /** the 12345-style call center */
    HOTLINE("12345热线");

    private final String displayName;

    Channel(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Every channel but the call center is a system with ids of its own. */
    public boolean requiresExternalId() {
        return this != HOTLINE;
    }
}
