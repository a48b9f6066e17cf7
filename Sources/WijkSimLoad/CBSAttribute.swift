/// A wijk attribute (CONTRACT §1) copied from one CBS column as published:
/// a count, so it may not be negative. docs/cbs-import.md lists them.
struct CBSAttribute {
    var id: String
    var key: String

    static let all = [
        CBSAttribute(id: "population", key: "AantalInwoners_5"),
        CBSAttribute(id: "households", key: "HuishoudensTotaal_29"),
        CBSAttribute(id: "dwellings", key: "Woningvoorraad_35"),
        CBSAttribute(id: "youth", key: "k_15Tot25Jaar_9"),
        CBSAttribute(id: "pupils", key: "LeerlingenPo_70"),
    ]
}
