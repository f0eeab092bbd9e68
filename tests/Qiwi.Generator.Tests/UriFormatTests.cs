using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// <c>format: uri</c> on a string parameter: the generated code refuses a value that is no absolute URI before sending,
/// on an operation's optional query parameter and on a client-level setting (then through <c>GetErrors</c>), and takes
/// an absolute one as given; a string without the format takes anything.
/// </summary>
public sealed class UriFormatTests
{
    private static readonly string Spec = MiniSpec.Replace("""
                - name: item_id
                  in: path
                  required: true
                  schema:
                    type: string
        """, """
                - name: item_id
                  in: path
                  required: true
                  schema:
                    type: string
                - name: back
                  in: query
                  required: false
                  schema:
                    type: string
                    format: uri
                - name: home
                  in: path
                  required: true
                  x-qiwi-client-parameter: true
                  schema:
                    type: string
                    format: uri
                - name: note
                  in: query
                  required: false
                  schema:
                    type: string
                    format: email
        """).Replace("/items/{item_id}:", "/items/{item_id}/{home}:", StringComparison.Ordinal);

    private const string Probe = """
        namespace Demo;

        public static class Probe
        {
            public static string Call(string back, string home)
            {
                var options = new MiniClientOptions { ApiId = "id", ApiPassword = "pw", Home = home };
                var errors = string.Join(",", System.Linq.Enumerable.Select(options.GetErrors(), e => e.Option));
                using var http = new global::System.Net.Http.HttpClient(new Refuse());
                var client = new MiniClient(http, new MiniClientOptions { ApiId = "id", ApiPassword = "pw", Home = "https://home.example/" });
                try
                {
                    client.GetItemAsync("i1", back, "not an email").GetAwaiter().GetResult();
                    return errors + " | sent";
                }
                catch (global::System.ArgumentException exception)
                {
                    return errors + " | refused " + exception.ParamName;
                }
                catch (global::Qiwi.Runtime.QiwiTransportException)
                {
                    return errors + " | sent";
                }
            }

            private sealed class Refuse : global::System.Net.Http.HttpMessageHandler
            {
                protected override global::System.Threading.Tasks.Task<global::System.Net.Http.HttpResponseMessage> SendAsync(global::System.Net.Http.HttpRequestMessage request, global::System.Threading.CancellationToken cancellationToken)
                    => throw new global::System.InvalidOperationException("sent");
            }
        }
        """;

    [Theory]
    [InlineData("https://shop.example/ok?a=1#x", "https://home.example/", " | sent")]
    [InlineData("/ok", "https://home.example/", " | refused back")]
    [InlineData("shop.example/ok", "home.example", "Home | refused back")]
    [InlineData("https://shop.example/ok\n", "https://home.example/ ", "Home | refused back")]
    [InlineData("app://back", "/home", "Home | sent")]
    public void A_value_that_is_no_absolute_uri_is_refused_before_sending(string back, string home, string expected)
    {
        var assembly = GeneratedAssembly.Load(Spec, Probe);

        Assert.Equal(expected, assembly.Call("Demo.Probe", "Call", back, home));
    }
}
