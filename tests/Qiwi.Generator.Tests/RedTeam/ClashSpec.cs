namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>
/// A small spec with one of each thing the generator names a type or member after (client, operation, envelope and its
/// result, object, closed and open string enums, integer result-code enum, outbound and inbound redirects, webhook and its reply, a
/// property), each name a slot that <see cref="GeneratedNameClashTests"/> fills.
/// </summary>
internal sealed record ClashSpec(IReadOnlyDictionary<Slot, string> Names, IReadOnlyList<string> ProjectTypes)
{
    /// <summary>The plain names of the probe: words no fixed text of the generator holds, so that every name holding one was derived from its slot.</summary>
    public static readonly IReadOnlyDictionary<Slot, string> Probe = new Dictionary<Slot, string>
    {
        [Slot.Client] = "Umbra",
        [Slot.Operation] = "Tundra",
        [Slot.OutboundRedirect] = "Sable",
        [Slot.InboundRedirect] = "Quince",
        [Slot.Webhook] = "Pampas",
        [Slot.WebhookReply] = "Tamarin",
        [Slot.ResultCode] = "Nimbus",
        [Slot.Envelope] = "Wombat",
        [Slot.Result] = "Vireo",
        [Slot.Object] = "Xenon",
        [Slot.ClosedEnum] = "Zircon",
        [Slot.OpenEnum] = "Yarrow",
        [Slot.Property] = "Oriole",
        [Slot.ClientParameter] = "Lapwing",
    };

    public string Text
    {
        get
        {
            string N(Slot slot) => Names[slot];
            return $"""
                openapi: 3.0.3
                info:
                  title: Clash
                  version: '1'
                x-qiwi-client:
                  name: {N(Slot.Client)}
                x-qiwi-envelope:
                  wrapper: response
                  resultCode: result_code
                  description: description
                  successCode: 0
                  resultCodeSchema: '#/components/schemas/{N(Slot.ResultCode)}'
                paths:
                  /shops/{"{shop}"}/items/{"{item_id}"}:
                    get:
                      operationId: {N(Slot.Operation)}
                      summary: Gets an item.
                      parameters:
                        - name: item_id
                          in: path
                          required: true
                          schema:
                            type: string
                            pattern: '^[a-z0-9]+$'
                        - name: shop
                          in: path
                          required: true
                          x-qiwi-name: {N(Slot.ClientParameter)}
                          x-qiwi-client-parameter: true
                          schema:
                            type: string
                            pattern: '^[0-9]+$'
                      responses:
                        '200':
                          description: The item.
                          content:
                            application/json:
                              schema:
                                $ref: '#/components/schemas/{N(Slot.Envelope)}'
                  /go:
                    servers:
                      - url: https://pay.example
                    get:
                      operationId: {N(Slot.OutboundRedirect)}
                      summary: Sends the payer to pay.
                      x-qiwi-redirect:
                        kind: outbound
                      x-qiwi-signature:
                        algorithm: HMAC-SHA256
                        key: apiPassword
                        target: sign
                        fields: [order]
                        separator: '|'
                        encoding: hex
                      parameters:
                        - name: order
                          in: query
                          required: true
                          schema:
                            type: string
                            pattern: '^[A-Z]+$'
                        - name: sign
                          in: query
                          required: false
                          schema:
                            type: string
                      responses:
                        '200':
                          description: A page.
                  /back:
                    servers:
                      - url: https://shop.example
                    get:
                      operationId: {N(Slot.InboundRedirect)}
                      summary: The payer comes back.
                      x-qiwi-redirect:
                        kind: inbound
                      parameters:
                        - name: order
                          in: query
                          required: true
                          schema:
                            type: string
                      responses:
                        '200':
                          description: A page.
                x-webhooks:
                  hook:
                    post:
                      operationId: {N(Slot.Webhook)}
                      summary: Notifies the shop.
                      requestBody:
                        required: true
                        content:
                          application/x-www-form-urlencoded:
                            schema:
                              $ref: '#/components/schemas/{N(Slot.Object)}'
                      responses:
                        '200':
                          description: Received.
                          content:
                            text/xml:
                              schema:
                                $ref: '#/components/schemas/{N(Slot.WebhookReply)}'
                components:
                  schemas:
                    {N(Slot.ResultCode)}:
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
                    {N(Slot.WebhookReply)}:
                      type: object
                      xml:
                        name: result
                      required: [result_code]
                      properties:
                        result_code:
                          $ref: '#/components/schemas/{N(Slot.ResultCode)}'
                    {N(Slot.Envelope)}:
                      type: object
                      required: [response]
                      properties:
                        response:
                          $ref: '#/components/schemas/{N(Slot.Result)}'
                    {N(Slot.Result)}:
                      type: object
                      xml:
                        name: response
                      required: [result_code]
                      properties:
                        result_code:
                          $ref: '#/components/schemas/{N(Slot.ResultCode)}'
                        description:
                          type: string
                        item:
                          $ref: '#/components/schemas/{N(Slot.Object)}'
                    {N(Slot.Object)}:
                      type: object
                      properties:
                        state:
                          $ref: '#/components/schemas/{N(Slot.ClosedEnum)}'
                        kind:
                          $ref: '#/components/schemas/{N(Slot.OpenEnum)}'
                        {N(Slot.Property)}:
                          type: string
                          pattern: '^[a-f]+$'
                    {N(Slot.ClosedEnum)}:
                      type: string
                      enum: [a, b]
                      x-qiwi-enum:
                        - value: a
                          name: A
                          description: A.
                          final: true
                        - value: b
                          name: B
                          description: B.
                          final: false
                    {N(Slot.OpenEnum)}:
                      type: string
                      x-qiwi-enum:
                        - value: x
                          name: X
                          description: X.
                        - value: y
                          name: Y
                          description: Y.

                """;
        }
    }

    /// <summary>The project's own C#: a documented class for each of <see cref="ProjectTypes"/> in the namespace the spec generates into.</summary>
    public string ProjectSource
        => "namespace Demo;\n/// <summary>The consumer.</summary>\npublic static class Program\n{\n    /// <summary>Runs.</summary>\n    public static void Main() { }\n}\n"
            + string.Concat(ProjectTypes.Distinct(StringComparer.Ordinal).Select(name => "/// <summary>The project's own.</summary>\npublic sealed class " + name + " { }\n"));

    public override string ToString()
        => string.Join(", ", Names.Select(pair => pair.Key + "=" + pair.Value)) + (ProjectTypes.Count == 0 ? string.Empty : "; project types: " + string.Join(", ", ProjectTypes));
}

/// <summary>A place in <see cref="ClashSpec"/> that holds a name.</summary>
internal enum Slot
{
    Client,
    Operation,
    OutboundRedirect,
    InboundRedirect,
    Webhook,
    WebhookReply,
    ResultCode,
    Envelope,
    Result,
    Object,
    ClosedEnum,
    OpenEnum,
    Property,
    ClientParameter,
}
