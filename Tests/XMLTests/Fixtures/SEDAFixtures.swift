import XML

/// Minimal SEDA messages, checked first with
/// `XML_CATALOG_FILES=../shared/specs/seda-2.X/catalog-xmllint.xml xmllint --noout --nonet
/// --schema ../shared/specs/seda-2.X/seda-2.X-main.xsd`. The three versions share the message
/// structure (their main XSDs differ only by namespace); the order of elements is the XSD's
/// sequence, and nothing else may be left out.
enum SEDAFixtures {
    enum Version: String, CaseIterable, Sendable, CustomStringConvertible {
        case v2_1 = "2.1"
        case v2_2 = "2.2"
        case v2_3 = "2.3"

        /// The XSDs' `targetNamespace`. SEDA 2.3's copy in ../shared/specs declares
        /// `...:seda:v2.3` (a document in `...:seda:v2` has "no matching global declaration").
        var namespace: String { "fr:gouv:culture:archivesdefrance:seda:v\(rawValue)" }

        var mainXSD: String { SEDASpecs.directory + "/seda-\(rawValue)/seda-\(rawValue)-main.xsd" }

        var description: String { "SEDA \(rawValue)" }
    }

    /// An ArchiveTransfer with one ArchiveUnit pointing at one BinaryDataObject.
    /// Mandatory, in this order: Date, MessageIdentifier, CodeListVersions (may be empty),
    /// [DataObjectPackage], ArchivalAgency/Identifier, TransferringAgency/Identifier. Inside the
    /// package: objects first, then DescriptiveMetadata, then ManagementMetadata (both required,
    /// ManagementMetadata may be empty); an ArchiveUnit needs `id` and Content.
    static func archiveTransfer(_ version: Version) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ArchiveTransfer xmlns="\(version.namespace)">
          <Date>2024-05-01T10:00:00Z</Date>
          <MessageIdentifier>SIP-0001</MessageIdentifier>
          <ArchivalAgreement>AGREEMENT-1</ArchivalAgreement>
          <CodeListVersions/>
          <DataObjectPackage>
            <BinaryDataObject id="BDO1">
              <DataObjectVersion>BinaryMaster_1</DataObjectVersion>
              <Uri>content/deliberation.pdf</Uri>
              <MessageDigest algorithm="SHA-256">9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08</MessageDigest>
              <Size>4</Size>
              <FormatIdentification>
                <MimeType>application/pdf</MimeType>
              </FormatIdentification>
              <FileInfo>
                <Filename>deliberation.pdf</Filename>
              </FileInfo>
            </BinaryDataObject>
            <DescriptiveMetadata>
              <ArchiveUnit id="AU1">
                <Content>
                  <DescriptionLevel>Item</DescriptionLevel>
                  <Title>Délibération n° 2024-12</Title>
                </Content>
                <DataObjectReference>
                  <DataObjectReferenceId>BDO1</DataObjectReferenceId>
                </DataObjectReference>
              </ArchiveUnit>
            </DescriptiveMetadata>
            <ManagementMetadata/>
          </DataObjectPackage>
          <ArchivalAgency>
            <Identifier>AD-SERVICE</Identifier>
          </ArchivalAgency>
          <TransferringAgency>
            <Identifier>MAIRIE-1</Identifier>
          </TransferringAgency>
        </ArchiveTransfer>
        """
    }

    /// The smallest valid ArchiveTransfer: no DataObjectPackage (the XSD makes it optional).
    static func bareArchiveTransfer(_ version: Version) -> String {
        """
        <ArchiveTransfer xmlns="\(version.namespace)"><Date>2024-05-01T10:00:00Z</Date>\
        <MessageIdentifier>SIP-0001</MessageIdentifier><CodeListVersions/>\
        <ArchivalAgency><Identifier>AD-SERVICE</Identifier></ArchivalAgency>\
        <TransferringAgency><Identifier>MAIRIE-1</Identifier></TransferringAgency></ArchiveTransfer>
        """
    }

    /// Invalid: MessageIdentifier (line 3) comes before Date.
    static func invalidArchiveTransfer(_ version: Version) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ArchiveTransfer xmlns="\(version.namespace)">
          <MessageIdentifier>SIP-0001</MessageIdentifier>
          <Date>2024-05-01T10:00:00Z</Date>
          <CodeListVersions/>
          <ArchivalAgency><Identifier>AD-SERVICE</Identifier></ArchivalAgency>
          <TransferringAgency><Identifier>MAIRIE-1</Identifier></TransferringAgency>
        </ArchiveTransfer>
        """
    }

    /// The reply to `archiveTransfer`, built with the writer. Mandatory, in this order: Date,
    /// MessageIdentifier, CodeListVersions, MessageRequestIdentifier (the transfer's
    /// MessageIdentifier), ArchivalAgency, TransferringAgency; ArchivalAgreement (after
    /// MessageIdentifier), ReplyCode (before MessageRequestIdentifier) and GrantDate (after it)
    /// are optional and shown here.
    static func archiveTransferReply(_ version: Version) -> XMLNode {
        func element(_ name: String, _ text: String) -> XMLNode {
            .element(name, children: [.text(text)])
        }
        return .element("ArchiveTransferReply", attributes: [("xmlns", version.namespace)], children: [
            element("Date", "2024-05-01T10:05:00Z"),
            element("MessageIdentifier", "ATR-0001"),
            element("ArchivalAgreement", "AGREEMENT-1"),
            .element("CodeListVersions"),
            element("ReplyCode", "OK"),
            element("MessageRequestIdentifier", "SIP-0001"),
            element("GrantDate", "2024-05-01T10:05:00Z"),
            .element("ArchivalAgency", children: [element("Identifier", "AD-SERVICE")]),
            .element("TransferringAgency", children: [element("Identifier", "MAIRIE-1")]),
        ])
    }
}
