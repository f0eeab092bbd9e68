namespace Qiwi.Generator.Tests;

/// <summary>A small valid spec; each diagnostic test breaks it in one place.</summary>
internal static class MiniSpec
{
    public const string Text = """
        openapi: 3.0.3
        info:
          title: Mini
          version: '1'
        x-qiwi-client:
          name: Mini
        x-qiwi-envelope:
          wrapper: response
          resultCode: result_code
          description: description
          successCode: 0
          resultCodeSchema: '#/components/schemas/Code'
        paths:
          /items/{item_id}:
            get:
              operationId: getItem
              summary: Gets an item.
              parameters:
                - name: item_id
                  in: path
                  required: true
                  schema:
                    type: string
              responses:
                '200':
                  description: The item.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/ItemEnvelope'
        components:
          schemas:
            Code:
              type: integer
              enum: [0, 1]
              x-qiwi-enum:
                - value: 0
                  name: Success
                  description: Success.
                  fatal: false
                - value: 1
                  name: Busy
                  description: Busy.
                  fatal: false
            ItemEnvelope:
              type: object
              required: [response]
              properties:
                response:
                  $ref: '#/components/schemas/ItemResult'
            ItemResult:
              type: object
              xml:
                name: response
              required: [result_code]
              properties:
                result_code:
                  $ref: '#/components/schemas/Code'
                description:
                  type: string
                item:
                  $ref: '#/components/schemas/Item'
            Item:
              type: object
              properties:
                item_id:
                  type: string
                size:
                  type: integer
        """;

    /// <summary>Zero-based line of the first line containing <paramref name="marker"/> in <paramref name="text"/>.</summary>
    public static int LineOf(string text, string marker)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(marker, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"'{marker}' is not in the text.", nameof(marker));
    }

    public static string Replace(string oldText, string newText)
    {
        Assert.Contains(oldText, Text, StringComparison.Ordinal);
        return Text.Replace(oldText, newText, StringComparison.Ordinal);
    }
}
