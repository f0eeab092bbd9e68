namespace Qiwi.Runtime;

/// <summary>One form field as a signature sees it: its name, its value as received, and the name's PHP number when it is one.</summary>
internal struct SignedField
{
    public SignedField(string name, string value)
    {
        Name = name;
        Value = value;
        Number = null;
    }

    public string Name;

    public string Value;

    /// <summary>Set by <see cref="QiwiKeyOrder.Sort(Span{SignedField})"/> before it compares.</summary>
    public PhpNumber? Number;
}
