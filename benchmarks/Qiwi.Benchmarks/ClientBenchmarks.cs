using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Qiwi.Benchmarks.NSwag;
using Qiwi.Runtime;
using Generated = Qiwi.Benchmarks.Generated;

namespace Qiwi.Benchmarks;

/// <summary>
/// One call of each operation against the docs' example responses (in memory, no network): the generated
/// client, the hand-written HttpClient + System.Text.Json baseline, and NSwag's client of the same spec.
/// NSwag's createBill and createRefund are absent: its client turns the form body into a
/// Dictionary&lt;string, string&gt; through JSON, which throws on the decimal amount (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClientBenchmarks
{
    private const long ShopId = 373712;
    private HttpClient _http = null!;
    private HttpClient _nswagHttp = null!;
    private Generated.QiwiPullClient _qiwi = null!;
    private BaselineClient _baseline = null!;
    private NSwagQiwiClient _nswag = null!;
    private DateTimeOffset _lifetime;

    [GlobalSetup]
    public void Setup()
    {
        _http = new HttpClient(new DocsResponses()) { BaseAddress = new Uri("https://api.qiwi.test/") };
        _nswagHttp = new HttpClient(new DocsResponses());
        _nswagHttp.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("23441234:secret"u8.ToArray()));
        _qiwi = new Generated.QiwiPullClient(_http, new Generated.QiwiPullClientOptions { BaseUrl = new Uri("https://api.qiwi.test/"), ShopId = ShopId, ApiId = "23441234", ApiPassword = "secret" });
        _baseline = new BaselineClient(_http, "23441234", "secret");
        _nswag = new NSwagQiwiClient(_nswagHttp) { BaseUrl = "https://api.qiwi.test/" };
        _lifetime = DateTimeOffset.UtcNow.AddDays(1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _nswagHttp.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("createBill")]
    public Task<BaselineBill> CreateBill_Baseline() => _baseline.CreateBillAsync(ShopId, "BILL-1", "tel:+79031234567", 10m, "RUB", "My comment", _lifetime);

    [Benchmark, BenchmarkCategory("createBill")]
    public Task<Generated.Bill> CreateBill_Qiwi() => _qiwi.CreateBillAsync("BILL-1", "tel:+79031234567", 10m, Generated.Currency.Rub, "My comment", _lifetime);


    [Benchmark(Baseline = true), BenchmarkCategory("getBillStatus")]
    public Task<BaselineBill> GetBillStatus_Baseline() => _baseline.GetBillStatusAsync(ShopId, "BILL-1");

    [Benchmark, BenchmarkCategory("getBillStatus")]
    public Task<Generated.Bill> GetBillStatus_Qiwi() => _qiwi.GetBillStatusAsync("BILL-1");

    [Benchmark, BenchmarkCategory("getBillStatus")]
    public Task<BillEnvelope> GetBillStatus_NSwag() => _nswag.GetBillStatusAsync(ShopId, "BILL-1", CancellationToken.None);

    [Benchmark(Baseline = true), BenchmarkCategory("cancelBill")]
    public Task<BaselineBill> CancelBill_Baseline() => _baseline.CancelBillAsync(ShopId, "BILL-1");

    [Benchmark, BenchmarkCategory("cancelBill")]
    public Task<Generated.Bill> CancelBill_Qiwi() => _qiwi.CancelBillAsync("BILL-1");

    [Benchmark, BenchmarkCategory("cancelBill")]
    public Task<BillEnvelope> CancelBill_NSwag() => _nswag.CancelBillAsync(new CancelBillForm { Status = CancelBillFormStatus.Rejected }, ShopId, "BILL-1", CancellationToken.None);

    [Benchmark(Baseline = true), BenchmarkCategory("createRefund")]
    public Task<BaselineRefund> CreateRefund_Baseline() => _baseline.CreateRefundAsync(ShopId, "BILL-1", "REF1", 5m);

    [Benchmark, BenchmarkCategory("createRefund")]
    public Task<Generated.Refund> CreateRefund_Qiwi() => _qiwi.CreateRefundAsync("BILL-1", "REF1", 5m);


    [Benchmark(Baseline = true), BenchmarkCategory("getRefundStatus")]
    public Task<BaselineRefund> GetRefundStatus_Baseline() => _baseline.GetRefundStatusAsync(ShopId, "BILL-1", "REF1");

    [Benchmark, BenchmarkCategory("getRefundStatus")]
    public Task<Generated.Refund> GetRefundStatus_Qiwi() => _qiwi.GetRefundStatusAsync("BILL-1", "REF1");

    [Benchmark, BenchmarkCategory("getRefundStatus")]
    public Task<RefundEnvelope> GetRefundStatus_NSwag() => _nswag.GetRefundStatusAsync(ShopId, "BILL-1", "REF1", CancellationToken.None);
}
