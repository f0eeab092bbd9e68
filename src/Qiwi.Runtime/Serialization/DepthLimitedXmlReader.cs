using System.Xml;

namespace Qiwi.Runtime.Serialization;

/// <summary>
/// An <see cref="XmlReader"/> that reads through another and refuses an element nested deeper than a limit as it
/// comes to it, so a tree is built in one pass and never deeper than the limit (<see cref="XmlReader"/> has no such
/// setting). Everything else is the inner reader's.
/// </summary>
internal sealed class DepthLimitedXmlReader : XmlReader
{
    private readonly XmlReader _inner;
    private readonly int _maxDepth;

    public DepthLimitedXmlReader(XmlReader inner, int maxDepth)
    {
        _inner = inner;
        _maxDepth = maxDepth;
    }

    public override int AttributeCount => _inner.AttributeCount;

    public override string BaseURI => _inner.BaseURI;

    public override int Depth => _inner.Depth;

    public override bool EOF => _inner.EOF;

    public override bool IsEmptyElement => _inner.IsEmptyElement;

    public override string LocalName => _inner.LocalName;

    public override string NamespaceURI => _inner.NamespaceURI;

    public override XmlNameTable NameTable => _inner.NameTable;

    public override XmlNodeType NodeType => _inner.NodeType;

    public override string Prefix => _inner.Prefix;

    public override ReadState ReadState => _inner.ReadState;

    public override string Value => _inner.Value;

    public override bool Read()
    {
        if (!_inner.Read())
        {
            return false;
        }

        if (_inner.NodeType == XmlNodeType.Element && _inner.Depth >= _maxDepth)
        {
            throw new XmlException($"The XML nests elements more than {_maxDepth} levels deep.");
        }

        return true;
    }

    public override string GetAttribute(int i) => _inner.GetAttribute(i);

    public override string? GetAttribute(string name) => _inner.GetAttribute(name);

    public override string? GetAttribute(string name, string? namespaceURI) => _inner.GetAttribute(name, namespaceURI);

    public override string? LookupNamespace(string prefix) => _inner.LookupNamespace(prefix);

    public override bool MoveToAttribute(string name) => _inner.MoveToAttribute(name);

    public override bool MoveToAttribute(string name, string? ns) => _inner.MoveToAttribute(name, ns);

    public override bool MoveToElement() => _inner.MoveToElement();

    public override bool MoveToFirstAttribute() => _inner.MoveToFirstAttribute();

    public override bool MoveToNextAttribute() => _inner.MoveToNextAttribute();

    public override bool ReadAttributeValue() => _inner.ReadAttributeValue();

    public override void ResolveEntity() => _inner.ResolveEntity();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
