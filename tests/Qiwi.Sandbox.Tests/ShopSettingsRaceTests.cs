using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A shop's amount settings are changed by <c>PATCH /sandbox/control/shops</c> while requests read them: a reader must
/// see the old value or the new one, never a decimal made of half of each (a decimal is 16 bytes, two machine words).
/// </summary>
public sealed class ShopSettingsRaceTests
{
    // Every 64-bit half of these differs (the scale and the top digits in one, the low digits in the other); all are
    // amounts a patch accepts (0 or more).
    private static readonly decimal[] Values = { 1.00m, 79228162514264337593543950.335m, 123456789012.345678m, 0.0000000001m };

    [Fact]
    public void A_reader_sees_each_amount_setting_whole_while_patches_change_it()
    {
        var shop = new SandboxShop();
        new ShopSettingsPatch { MinAmount = Values[0], MaxAmount = Values[0], MonthlyLimit = Values[0] }.ApplyTo(shop);
        var stop = 0;
        var torn = new List<string>();
        var writer = new Thread(() =>
        {
            for (var i = 0; Volatile.Read(ref stop) == 0; i++)
            {
                var value = Values[i & 3];
                new ShopSettingsPatch { MinAmount = value, MaxAmount = value, MonthlyLimit = value }.ApplyTo(shop);
            }
        });
        writer.Start();
        try
        {
            // Bounded: two seconds of reads at most, or until the first torn value.
            var deadline = DateTime.UtcNow.AddSeconds(2);
            for (var read = 1; torn.Count == 0 && ((read & 0xFFF) != 0 || DateTime.UtcNow < deadline); read++)
            {
                Check(shop.MinAmount, nameof(SandboxShop.MinAmount), torn);
                Check(shop.MaxAmount, nameof(SandboxShop.MaxAmount), torn);
                Check(shop.MonthlyLimit ?? 1m, nameof(SandboxShop.MonthlyLimit), torn);
            }
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            writer.Join();
        }

        Assert.Empty(torn);
    }

    private static void Check(decimal value, string name, List<string> torn)
    {
        if (Array.IndexOf(Values, value) < 0 && value != 1m)
        {
            torn.Add(name + " read as " + value);
        }
    }
}
