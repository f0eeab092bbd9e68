using Qiwi.Runtime.Serialization;

namespace Qiwi.Runtime.Tests.Serialization;

/// <summary>
/// A write's success check compares the payload's amount with the request's as numbers rounded as the wire writes
/// them (<see cref="QiwiPayloadChecks.EchoDecimal"/>), where it compared their wire texts: the verdict must be the
/// texts' for every pair, scale and rounding (seeded amounts around the rounding edges, zeros of both signs, scales
/// 0 to 4, the extremes of decimal), and a missing side is a mismatch unless both are missing.
/// </summary>
public sealed class EchoDecimalTests
{
    [Fact]
    public void The_verdict_is_the_wire_texts_for_seeded_pairs()
    {
        var random = new Random(20261126);
        var roundings = Enum.GetValues<QiwiRounding>();
        var edges = new[] { 0m, -0m, 0.00m, 0.005m, -0.005m, 0.01m, 10m, 10.00m, 10.004m, 10.005m, 10.009m, 9.999m, -10.005m, 1e-28m, decimal.MaxValue / 1000, decimal.MinValue / 1000 };
        for (var i = 0; i < 20_000; i++)
        {
            var a = random.Next(3) == 0 ? edges[random.Next(edges.Length)] : Amount(random);
            var b = random.Next(2) == 0 ? a + (random.Next(3) - 1) * 0.001m * random.Next(0, 12) : Amount(random);
            var scale = random.Next(0, 5);
            var rounding = roundings[random.Next(roundings.Length)];

            var byText = QiwiFormat.Decimal(a, scale, rounding) == QiwiFormat.Decimal(b, scale, rounding);
            var byValue = QiwiPayloadChecks.EchoDecimal("amount", a, b, scale, rounding) is null;
            Assert.True(byText == byValue, $"{a} and {b} at scale {scale}, {rounding}: texts {(byText ? "equal" : "differ")}, values {(byValue ? "equal" : "differ")}");
        }
    }

    [Fact]
    public void A_missing_amount_matches_only_a_missing_one()
    {
        Assert.Null(QiwiPayloadChecks.EchoDecimal("amount", null, null, 2, QiwiRounding.Down));
        Assert.Equal("'amount' is not the one requested", QiwiPayloadChecks.EchoDecimal("amount", null, 1m, 2, QiwiRounding.Down));
        Assert.Equal("'amount' is not the one requested", QiwiPayloadChecks.EchoDecimal("amount", 1m, null, 2, QiwiRounding.Down));
    }

    private static decimal Amount(Random random)
        => new decimal(random.Next(0, 2_000_000), 0, 0, random.Next(2) == 0, (byte)random.Next(0, 5));
}
