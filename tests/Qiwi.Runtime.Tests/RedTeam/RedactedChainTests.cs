namespace Qiwi.Runtime.Tests.RedTeam;

/// <summary>
/// <see cref="QiwiRedactedException.Of"/> on seeded chains of inner exceptions (depths 1 to 6, of several types, a
/// <see cref="QiwiException"/> sometimes among them), each message quoting a secret, a credential header, both or
/// nothing: no message or ToString of any exception in the result holds a secret; a chain that quotes nothing comes
/// back as the very same instance; stand-ins keep each replaced exception's type name, and everything from the last
/// quoting exception down (and from a QiwiException down) is kept as thrown.
/// </summary>
public sealed class RedactedChainTests
{
    private const string Password = "pa55-w0rd-Secret";
    private const string Token = "QWxhZGRpbjpvcGVuIHNlc2FtZQ==";

    [Fact]
    public void Seeded_chains_come_back_without_secrets_and_otherwise_as_thrown()
    {
        var random = new Random(20261126);
        string?[] secrets = [Token, Password];
        for (var i = 0; i < 3_000; i++)
        {
            var chain = Chain(random, random.Next(1, 7));
            var result = QiwiRedactedException.Of(chain[0], secrets)!;

            var quoting = chain.FindLastIndex(e => e is not QiwiException && Quotes(e.Message) && !chain.Take(chain.IndexOf(e)).Any(x => x is QiwiException));
            if (quoting < 0)
            {
                Assert.Same(chain[0], result);
                continue;
            }

            var at = result;
            for (var depth = 0; depth < chain.Count; depth++, at = at.InnerException!)
            {
                var original = chain[depth];
                if (depth > quoting)
                {
                    Assert.Same(original, at);   // below the last quoting one: the original chain itself
                    break;
                }

                var standIn = Assert.IsType<QiwiRedactedException>(at);
                Assert.Equal(original.GetType().FullName, standIn.OriginalType);
                Assert.Equal(original.HResult, standIn.HResult);
                Assert.DoesNotContain(Password, standIn.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(Token, standIn.ToString(), StringComparison.Ordinal);
            }

            for (Exception? e = result; e is not null and not QiwiException; e = e.InnerException)
            {
                Assert.DoesNotContain(Password, e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(Token, e.Message, StringComparison.Ordinal);
            }
        }
    }

    private static bool Quotes(string message)
        => message.Contains(Password, StringComparison.Ordinal) || message.Contains(Token, StringComparison.Ordinal) || message.Contains("Basic ", StringComparison.Ordinal);

    /// <summary>The chain from the outermost down, built innermost first (an exception's inner is fixed at construction).</summary>
    private static List<Exception> Chain(Random random, int depth)
    {
        Exception? inner = null;
        var chain = new List<Exception>();
        for (var i = 0; i < depth; i++)
        {
            var message = random.Next(4) switch
            {
                0 => "echoed " + Password + " back",
                1 => "proxy said Authorization: Basic " + Token,
                2 => Token + " and " + Password,
                _ => "plain failure " + i,
            };
            Exception made = random.Next(6) switch
            {
                0 => new HttpRequestException(message, inner),
                1 => new IOException(message, inner),
                2 => new FormatException(message, inner),
                3 => new InvalidOperationException(message, inner),
                4 when inner is not null => new QiwiTransportException("op", inner, [Token, Password]),   // as the client makes it
                _ => new System.Text.Json.JsonException(message, inner),
            };
            chain.Insert(0, made);
            inner = made;
        }

        return chain;
    }
}
