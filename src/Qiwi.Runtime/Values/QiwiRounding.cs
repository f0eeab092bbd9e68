namespace Qiwi.Runtime;

/// <summary>How an amount is cut to its decimal places.</summary>
public enum QiwiRounding
{
    /// <summary>Toward zero: never up (QIWI: "rounded down").</summary>
    Down,

    /// <summary>To the nearest, halves away from zero.</summary>
    Nearest,
}
