using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests;

/// <summary>Invalid arguments fail before anything is sent, naming the parameter and the rule.</summary>
public sealed class ValidationTests
{
    public static TheoryData<string, Func<Generated.QiwiPullClient, DateTimeOffset, Task>, string, string> Cases() => new()
    {
        { "empty bill id", (c, t) => c.GetBillStatusAsync(""), "billId", "1 to 200 characters" },
        { "bill id of 201", (c, t) => c.GetBillStatusAsync(new string('x', 201)), "billId", "1 to 200 characters" },
        { "null bill id", (c, t) => c.GetBillStatusAsync(null!), "billId", "required" },
        { "refund id with a dash", (c, t) => c.CreateRefundAsync("B", "REF-1", 1m), "refundId", "[0-9A-Za-z]{1,9}" },
        { "refund id of 10", (c, t) => c.GetRefundStatusAsync("B", "ABCDEFGHIJ"), "refundId", "[0-9A-Za-z]{1,9}" },
        { "zero amount", (c, t) => c.CreateBillAsync("B", "tel:+7", 0m, "RUB", "c", t), "amount", "greater than 0" },
        { "amount rounding to zero", (c, t) => c.CreateBillAsync("B", "tel:+7", 0.009m, "RUB", "c", t), "amount", "greater than 0" },
        { "negative refund", (c, t) => c.CreateRefundAsync("B", "R1", -5m), "amount", "greater than 0" },
        { "comment of 256", (c, t) => c.CreateBillAsync("B", "tel:+7", 1m, "RUB", new string('c', 256), t), "comment", "at most 255" },
        { "merchant name of 101", (c, t) => c.CreateBillAsync("B", "tel:+7", 1m, "RUB", "c", t, merchantName: new string('m', 101)), "merchantName", "at most 100" },
        { "user without tel:", (c, t) => c.CreateBillAsync("B", "+79031234567", 1m, "RUB", "c", t), "user", "tel:" },
        { "user with letters", (c, t) => c.CreateBillAsync("B", "tel:+7903abc", 1m, "RUB", "c", t), "user", "tel:" },
        { "user with a trailing newline", (c, t) => c.CreateBillAsync("B", "tel:+7903\n", 1m, "RUB", "c", t), "user", "tel:" },
        { "currency of 2 letters", (c, t) => c.CreateBillAsync("B", "tel:+7", 1m, "RU", "c", t), "currency", "[A-Z]{3}" },
        { "lower-case currency", (c, t) => c.CreateBillAsync("B", "tel:+7", 1m, "rub", "c", t), "currency", "[A-Z]{3}" },
        { "unlisted pay source", (c, t) => c.CreateBillAsync("B", "tel:+7", 1m, "RUB", "c", t, (Generated.PaySource)99), "paySource", "PaySource" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_broken_rule_is_an_argument_exception_and_nothing_is_sent(string rule, Func<Generated.QiwiPullClient, DateTimeOffset, Task> call, string parameter, string message)
    {
        using var f = new ClientFixture();

        var exception = Assert.ThrowsAny<ArgumentException>(() => { _ = call(f.Client, f.Tomorrow); });

        Assert.Equal(parameter, exception.ParamName);
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
        Assert.Empty(f.Handler.Requests);
        _ = rule;
    }
}
