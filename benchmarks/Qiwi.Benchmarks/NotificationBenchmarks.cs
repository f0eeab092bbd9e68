using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Qiwi.Benchmarks.Generated;

namespace Qiwi.Benchmarks;

/// <summary>Parse and verify the docs' signed notification, against the floor: HMAC-SHA1 over the same bytes.</summary>
[MemoryDiagnoser]
public class NotificationBenchmarks
{
    private const string Password = "notification-password";
    private static readonly KeyValuePair<string, string>[] Form =
    [
        new("command", "bill"), new("bill_id", "LocalTest17"), new("status", "paid"), new("error", "0"), new("amount", "0.01"),
        new("user", "tel:+78000005122"), new("prv_name", "Test"), new("ccy", "RUB"), new("comment", "Some Descriptor"),
    ];

    private readonly byte[] _key = Encoding.UTF8.GetBytes(Password);
    private byte[] _signed = null!;
    private string _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _signed = Encoding.UTF8.GetBytes(string.Join("|", Form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value)));
        _signature = Convert.ToBase64String(HMACSHA1.HashData(_key, _signed));
        if (!BillNotificationWebhook.VerifySignature(Form, _signature, Password))
        {
            throw new InvalidOperationException("The benchmark's signature does not verify.");
        }
    }

    [Benchmark(Baseline = true)]
    public byte[] Floor_HmacSha1() => HMACSHA1.HashData(_key, _signed);

    [Benchmark]
    public bool ParseAndVerify()
    {
        var notification = BillNotificationWebhook.Parse(Form);
        return BillNotificationWebhook.VerifySignature(Form, _signature, Password) && notification.Status == BillStatus.Paid;
    }

    /// <summary>Where the time goes: the typed parse alone.</summary>
    [Benchmark]
    public BillNotification ParseOnly() => BillNotificationWebhook.Parse(Form);

    /// <summary>Where the time goes: the signature alone (gather, ksort, canonical UTF-8, HMAC, encode, compare).</summary>
    [Benchmark]
    public bool VerifyOnly() => BillNotificationWebhook.VerifySignature(Form, _signature, Password);
}
