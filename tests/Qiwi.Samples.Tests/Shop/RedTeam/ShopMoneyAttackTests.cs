using System.Net.Http.Json;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// Money on one shop (SQLite, reconciliation by hand): statuses that must not pay an order, and statuses QIWI
/// reports that the shop must not ignore.
/// </summary>
public sealed class ShopMoneyAttackTests : ShopOnSqlite
{
    [Theory]
    [InlineData("1.00", "RUB")]
    [InlineData("1499.99", "RUB")]
    [InlineData("1500.01", "RUB")]
    [InlineData("150000.00", "RUB")]
    [InlineData("1500.00", "USD")]
    [InlineData("1500.00", "KZT")]
    [InlineData("1500.001", "RUB")]
    [InlineData("1500.00", "rub")]
    [InlineData("79228162514264337593543950335", "RUB")]
    [InlineData("-1500.00", "RUB")]
    public async Task A_signed_paid_notification_for_another_amount_or_currency_never_pays_the_order(string amount, string currency)
    {
        var placed = await PlaceAsync();
        var id = placed.Order.Id;
        var wrong = RedTeamNotifications.Fields(id, "paid", amount, currency);

        // Not acknowledged (QIWI repeats it while someone looks), and every repeat is refused the same way.
        for (var copy = 0; copy < 2; copy++)
        {
            Assert.Equal(300, await RedTeamNotifications.PostAsync(Http, Shop.Url, wrong, Sandbox.Shop.NotificationPassword));
        }

        var order = await Orders.FindAsync(id, CancellationToken.None);
        Assert.Equal("waiting", order!.Status);
        Assert.Contains("does not match", order.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(await Orders.EventsAsync(id, CancellationToken.None), e => e.Status == "paid");

        // The real payment still pays it, once.
        await ControlAsync($"bills/{Sandbox.Shop.ShopId}/{id}/pay");
        Assert.Equal(0, await RedTeamNotifications.PostAsync(Http, Shop.Url, RedTeamNotifications.Fields(id, "paid", "1500.00"), Sandbox.Shop.NotificationPassword));
        order = await Orders.FindAsync(id, CancellationToken.None);
        Assert.Equal(("paid", null), (order!.Status, order.Problem));
        Assert.Single(await Orders.EventsAsync(id, CancellationToken.None), e => e.Status == "paid");
    }

    [Theory]
    [InlineData("lower")]
    [InlineData("space")]
    [InlineData("prefix")]
    [InlineData("slash")]
    public async Task A_signed_notification_for_an_id_that_only_resembles_the_orders_changes_no_order(string how)
    {
        var placed = await PlaceAsync();
        await ControlAsync($"bills/{Sandbox.Shop.ShopId}/{placed.Order.Id}/pay");
        var id = how switch
        {
            "lower" => placed.Order.Id.ToLowerInvariant(),
            "space" => placed.Order.Id + " ",
            "prefix" => placed.Order.Id[..^1],
            _ => placed.Order.Id + "/../" + placed.Order.Id,
        };

        Assert.Equal(300, await RedTeamNotifications.PostAsync(Http, Shop.Url, RedTeamNotifications.Fields(id, "paid", "1500.00"), Sandbox.Shop.NotificationPassword));

        Assert.Equal("waiting", (await Orders.FindAsync(placed.Order.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_amount_written_differently_but_equal_pays_the_order()
    {
        var placed = await PlaceAsync();
        await ControlAsync($"bills/{Sandbox.Shop.ShopId}/{placed.Order.Id}/pay");

        Assert.Equal(0, await RedTeamNotifications.PostAsync(Http, Shop.Url, RedTeamNotifications.Fields(placed.Order.Id, "paid", "1500"), Sandbox.Shop.NotificationPassword));

        Assert.Equal("paid", (await Orders.FindAsync(placed.Order.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_invoice_qiwi_made_though_its_answer_was_a_refusal_is_paid_when_qiwi_says_it_was_paid()
    {
        // QIWI issues the invoice, the answer that reaches the shop is a final refusal: the shop fails the order.
        // The invoice is in the payer's wallet all the same, and the payer pays it there.
        await AfterFaultAsync("resultCode", resultCode: 215);
        var placed = await PlaceAsync();
        Assert.Equal("failed", placed.Order.Status);
        await ControlAsync($"bills/{Sandbox.Shop.ShopId}/{placed.Order.Id}/pay");

        Assert.Equal(0, await RedTeamNotifications.PostAsync(Http, Shop.Url, RedTeamNotifications.Fields(placed.Order.Id, "paid", "1500.00"), Sandbox.Shop.NotificationPassword));

        var order = await Orders.FindAsync(placed.Order.Id, CancellationToken.None);
        Assert.Equal(("paid", null), (order!.Status, order.Problem));
        Assert.Contains(("paid", "notification"), await Orders.EventsAsync(placed.Order.Id, CancellationToken.None));
    }

    private async Task AfterFaultAsync(string kind, int resultCode = 13, int count = 1)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(Sandbox.BaseUrl, "sandbox/control/faults"), new { kind, count, resultCode, phase = "after" }, Qiwi.Sandbox.Control.SandboxControlJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
