using System.Text;
using System.Text.Json;
using Qiwi.Runtime.Serialization;

namespace Qiwi.Runtime.Tests.Serialization;

/// <summary>JSON reads tolerant of QIWI's habits: amounts as strings or numbers, codes as numbers or strings.</summary>
public sealed class QiwiJsonTests
{
    private delegate T ReadValue<T>(ref Utf8JsonReader reader);

    [Theory]
    [InlineData("\"abc\"", "abc")]
    [InlineData("\"\\u0442\\u0435\\u0441\\u0442\"", "тест")]
    [InlineData("10.00", "10.00")]
    [InlineData("-5", "-5")]
    [InlineData("1e3", "1e3")]
    public void ReadString_takes_strings_and_the_text_of_numbers(string json, string expected)
    {
        Assert.Equal(expected, Read(json, QiwiJson.ReadString));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("true")]
    [InlineData("false")]
    public void ReadString_refuses_null_booleans_objects_and_arrays(string json)
    {
        Assert.Throws<JsonException>(() => Read(json, QiwiJson.ReadString));
    }

    [Theory]
    [InlineData("\"10.00\"", "10.00")]
    [InlineData("\"5.0\"", "5.0")]
    [InlineData("\"-1.5\"", "-1.5")]
    [InlineData("\" 7 \"", "7")]
    [InlineData("\"\\u0031\\u0030.5\"", "10.5")] // escaped: read through the string
    [InlineData("10.5", "10.5")]
    [InlineData("10", "10")]
    [InlineData("1e3", "1000")]
    public void ReadDecimal_takes_strings_and_numbers(string json, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Read(json, QiwiJson.ReadDecimal));
    }

    [Theory]
    [InlineData("\"ten\"")]
    [InlineData("\"10,5\"")]
    [InlineData("\"1e3\"")]
    [InlineData("\"\"")]
    public void ReadDecimal_refuses_bad_strings_with_a_FormatException(string json)
    {
        Assert.Throws<FormatException>(() => Read(json, QiwiJson.ReadDecimal));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{}")]
    public void ReadDecimal_refuses_other_tokens_with_a_JsonException(string json)
    {
        Assert.Throws<JsonException>(() => Read(json, QiwiJson.ReadDecimal));
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("\"42\"", 42)]
    [InlineData("\"-7\"", -7)]
    [InlineData("\" 150 \"", 150)]
    [InlineData("\"\\u0031\\u0035\\u0030\"", 150)]
    public void ReadInt32_takes_numbers_and_numeric_strings(string json, int expected)
    {
        Assert.Equal(expected, Read(json, QiwiJson.ReadInt32));
    }

    [Fact]
    public void ReadInt32_refuses_what_is_not_an_int()
    {
        Assert.Throws<FormatException>(() => Read("4.2", QiwiJson.ReadInt32));
        Assert.Throws<FormatException>(() => Read("2147483648", QiwiJson.ReadInt32));
        Assert.Throws<FormatException>(() => Read("\"abc\"", QiwiJson.ReadInt32));
        Assert.Throws<FormatException>(() => Read("\"4.2\"", QiwiJson.ReadInt32));
        Assert.Throws<OverflowException>(() => Read("\"2147483648\"", QiwiJson.ReadInt32));
        Assert.Throws<JsonException>(() => Read("null", QiwiJson.ReadInt32));
    }

    [Fact]
    public void ReadInt64_takes_numbers_and_numeric_strings()
    {
        Assert.Equal(9007199254740993L, Read("9007199254740993", QiwiJson.ReadInt64));
        Assert.Equal(-9007199254740993L, Read("\"-9007199254740993\"", QiwiJson.ReadInt64));
        Assert.Throws<FormatException>(() => Read("\"x\"", QiwiJson.ReadInt64));
        Assert.Throws<JsonException>(() => Read("[]", QiwiJson.ReadInt64));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"FALSE\"", false)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    public void ReadBoolean_takes_booleans_and_their_strings(string json, bool expected)
    {
        Assert.Equal(expected, Read(json, QiwiJson.ReadBoolean));
    }

    [Fact]
    public void ReadBoolean_refuses_anything_else()
    {
        Assert.Throws<FormatException>(() => Read("\"yes\"", QiwiJson.ReadBoolean));
        Assert.Throws<JsonException>(() => Read("1", QiwiJson.ReadBoolean));
        Assert.Throws<JsonException>(() => Read("null", QiwiJson.ReadBoolean));
    }

    [Fact]
    public void Skip_passes_over_objects_arrays_and_primitives()
    {
        var reader = new Utf8JsonReader("""{"a":{"x":[1,2,{"y":[3]}],"z":"q"},"b":[[]],"c":7,"d":"last"}"""u8);
        reader.Read();
        var seen = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            seen.Add(reader.GetString()!);
            reader.Read();
            if (seen[^1] == "d")
            {
                Assert.Equal("last", QiwiJson.ReadString(ref reader));
            }
            else
            {
                QiwiJson.Skip(ref reader);
            }
        }

        Assert.Equal(["a", "b", "c", "d"], seen);
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
    }

    private static T Read<T>(string json, ReadValue<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Assert.True(reader.Read());
        return read(ref reader);
    }
}
