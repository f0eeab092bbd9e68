using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// How users consume the toolkit: pack the generator and the runtime into a local feed, make a fresh
/// project outside the solution with the package and the spec (no other setup), build it with the real
/// `dotnet build` and the compiler server on, run it, edit the spec, rebuild, and see the change.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly LocalFeed _feed = new("qiwi-package-");

    [Fact]
    public void A_fresh_project_with_the_package_and_the_spec_builds_runs_and_follows_spec_edits()
    {
        var version = _feed.Version;
        var consumer = Path.Combine(_feed.Work, "Consumer");
        Directory.CreateDirectory(consumer);
        _feed.WriteNugetConfig(consumer);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <AnalysisLevel>latest-recommended</AnalysisLevel>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Qiwi.Generator" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        // Zero configuration: the spec sits in the project folder under its default name.
        File.Copy(RepositoryPaths.Spec, Path.Combine(consumer, "qiwi-pull.yaml"));
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), ConsumerProgram);

        var first = _feed.Succeeds(consumer, "dotnet run -c Release -p:UseSharedCompilation=true -nodeReuse:false");
        Assert.Contains("bill BILL-1 Waiting final=False amount=10.00", first, StringComparison.Ordinal);
        Assert.Contains("error AuthorizationError fatal=True http=401", first, StringComparison.Ordinal);
        Assert.Contains("codes 26", first, StringComparison.Ordinal);
        Assert.Contains("checkout https://oplata.qiwi.com/form?shop=2042&transaction=BILL%201", first, StringComparison.Ordinal);

        var spec = Path.Combine(consumer, "qiwi-pull.yaml");
        var text = File.ReadAllText(spec);
        text = text.Replace("enum: [0, 5, 13, 78,", "enum: [1500, 0, 5, 13, 78,", StringComparison.Ordinal)
            .Replace("        - value: 1419\n", "        - value: 1500\n          name: InvoiceFrozen\n          description: The invoice is frozen.\n          fatal: false\n        - value: 1419\n", StringComparison.Ordinal);
        File.WriteAllText(spec, text);

        var second = _feed.Succeeds(consumer, "dotnet run -c Release -p:UseSharedCompilation=true -nodeReuse:false");
        Assert.Contains("codes 27", second, StringComparison.Ordinal);

        // The spec's item metadata reaches the generator through the package's props: a size limit set below the
        // spec's size refuses it (QIWI0016, at the limit), and the build says so.
        var consumerProject = Path.Combine(consumer, "Consumer.csproj");
        File.WriteAllText(consumerProject, File.ReadAllText(consumerProject).Replace(
            "</Project>",
            "  <ItemGroup>\n    <AdditionalFiles Update=\"$(MSBuildProjectDirectory)/qiwi-pull.yaml\" QiwiMaxSpecCharacters=\"100\" />\n  </ItemGroup>\n</Project>",
            StringComparison.Ordinal));
        var (limitedExit, limited) = _feed.Run(consumer, "dotnet build -c Release -p:UseSharedCompilation=true -nodeReuse:false");
        Assert.True(limitedExit != 0, "a spec over its QiwiMaxSpecCharacters built:\n" + limited);
        Assert.Contains("QIWI0016", limited, StringComparison.Ordinal);
        Assert.Contains("document size (100 characters", limited, StringComparison.Ordinal);
    }

    public void Dispose() => _feed.Dispose();

    private const string ConsumerProgram = """
        using System.Net;
        using System.Text;
        using Consumer;
        using Qiwi.Runtime;

        using var http = new HttpClient(new DocsHandler());
        var client = new QiwiPullClient(http, new QiwiPullClientOptions { BaseUrl = new Uri("https://api.qiwi.test"), ShopId = 373712, ApiId = "23441234", ApiPassword = "secret" });

        var bill = await client.CreateBillAsync("BILL-1", "tel:+79161234567", 10m, Currency.Rub, "test", DateTimeOffset.UtcNow.AddDays(1));
        Console.WriteLine($"bill {bill.BillId} {bill.Status} final={bill.Status.IsFinal()} amount={bill.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        try
        {
            await client.GetBillStatusAsync("BILL-2");
        }
        catch (QiwiApiException exception)
        {
            var code = (ResultCode)exception.ResultCode;
            switch (code)
            {
                case ResultCode.AuthorizationError:
                    Console.WriteLine($"error {code} fatal={code.IsFatal()} http={(int)exception.StatusCode}");
                    break;
                default:
                    Console.WriteLine($"unexpected {code}");
                    break;
            }
        }

        Console.WriteLine($"codes {ResultCodeExtensions.GetValues().Length}");
        Console.WriteLine($"checkout {client.Redirects.Checkout("2042", "BILL 1").AbsoluteUri}");

        internal sealed class DocsHandler : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var (status, body) = request.Method == HttpMethod.Put
                    ? (HttpStatusCode.OK, "{\"response\":{\"result_code\":0,\"bill\":{\"bill_id\":\"BILL-1\",\"amount\":\"10.00\",\"ccy\":\"RUB\",\"status\":\"waiting\",\"error\":0,\"user\":\"tel:+79161234567\",\"comment\":\"test\"}}}")
                    : (HttpStatusCode.Unauthorized, "{\"response\":{\"result_code\":150,\"description\":\"Authorization failed\"}}");
                return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/json") });
            }
        }
        """;
}
