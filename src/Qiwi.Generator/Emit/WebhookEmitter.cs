using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>A webhook (x-webhooks): parse its form, verify its signature, and format the reply.</summary>
internal static class WebhookEmitter
{
    /// <summary>The class's own members, which would hide a model of the same name inside it (<see cref="CSharp.Unhidden"/>: a body schema named <c>Parse</c>).</summary>
    internal static readonly string[] MemberNames = { "Parse", "Signature", "VerifySignature", "ReplyMediaType", "FormatReply", "Descriptor" };

    public static CodeWriter Emit(WebhookScope spec, WebhookModel webhook)
    {
        const string Pairs = "global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string, string>>";
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, webhook.Summary ?? webhook.OperationId);
        XmlDoc.Remarks(writer, webhook.Description);
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility, " static partial class ", webhook.ClassName);
        var body = CSharp.Unhidden(spec.Namespace, webhook.BodyType, MemberNames);
        XmlDoc.Summary(writer, Scratch.Take().Append("Reads the request's form fields (URL-decoded) into a <see cref=\"").Append(body).Append("\"/>; fields the spec does not list are kept."));
        XmlDoc.Param(writer, "fields", "The form fields of the request.");
        writer.Line("/// <exception cref=\"global::System.FormatException\">A required field is missing or a value cannot be read.</exception>");
        writer.Line("public static ", body, " Parse(" + Pairs + " fields) => ", body, ".FromForm(fields);");

        if (webhook.Signature is SignatureModel signature)
        {
            writer.Line();
            XmlDoc.Summary(writer, Scratch.Take().Append("How the sender signs the request (x-qiwi-signature): ").Append(SpecText.Of(signature.Algorithm)).Append(" keyed with the ")
                .Append(signature.Key).Append(", in `").Append(signature.Target).Append("`."));
            SignatureCode.AppendNew(writer.LineStart().Append("public static " + CSharp.Runtime + ".QiwiSignatureSpec Signature { get; } = "), signature).Append(';');
            writer.LineEnd();
            writer.Line();
            XmlDoc.Summary(writer, "Checks the signature of the request's fields in constant time.");
            XmlDoc.Param(writer, "fields", "All form fields of the request, as received.");
            XmlDoc.Param(writer, "signature", Scratch.Take().Append("The value of `").Append(signature.Target).Append("`, or null when absent (then false)."));
            XmlDoc.Param(writer, signature.Key, "The secret the signature is keyed with.");
            writer.Line("public static bool VerifySignature(" + Pairs + " fields, string? signature, string ", signature.Key, ")");
            writer.Indent().Line("=> " + CSharp.Runtime + ".QiwiSignature.Verify(Signature, fields, ", signature.Key, ", signature);").Outdent();
        }

        if (webhook.ReplyType is string reply)
        {
            writer.Line();
            XmlDoc.Summary(writer, "The media type of the reply.");
            writer.LineStart().Append("public const string ReplyMediaType = ").AppendLiteral(webhook.ReplyMediaType ?? "text/xml").Append(';');
            writer.LineEnd();
            writer.Line();
            XmlDoc.Summary(writer, "The reply body for <paramref name=\"reply\"/>.");
            XmlDoc.Param(writer, "reply", "The reply to send.");
            writer.Open("public static string FormatReply(", reply, " reply)");
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(reply);");
            writer.Line("return \"<?xml version=\\\"1.0\\\"?>\" + reply.ToXml().ToString(global::System.Xml.Linq.SaveOptions.DisableFormatting);");
            writer.Close();
            EmitDescriptor(writer, spec, webhook, reply);
        }

        writer.Close();
        return writer;
    }

    /// <summary>
    /// The runtime descriptor, when the reply is one required integer-enum code whose values carry every
    /// role (x-qiwi-enum role): what framework helpers need to receive the webhook.
    /// </summary>
    private static void EmitDescriptor(CodeWriter writer, WebhookScope spec, WebhookModel webhook, string replyType)
    {
        ObjectModel? reply = null;
        foreach (var model in spec.Objects)
        {
            if (model.Name == replyType)
            {
                reply = model;
            }
        }

        if (reply is not { Properties.Count: 1 } || reply.Properties[0] is not { Required: true, Type: { Kind: ValueKind.Enum, IntegerEnum: true } } code)
        {
            return;
        }

        EnumModel? codes = null;
        foreach (var model in spec.Enums)
        {
            if (model.Name == code.Type.TypeName)
            {
                codes = model;
            }
        }

        var roles = new System.Collections.Generic.Dictionary<ReplyRole, string>();
        foreach (var member in codes?.Members ?? EquatableArray<EnumMemberModel>.Empty)
        {
            if (member.Role is ReplyRole role && !roles.ContainsKey(role))
            {
                roles[role] = member.WireValue;
            }
        }

        // In the order of the runtime's QiwiWebhookReplyCodes constructor.
        ReplyRole[] needed = { ReplyRole.Success, ReplyRole.InvalidRequest, ReplyRole.BadPassword, ReplyRole.BadSignature, ReplyRole.Failure };
        foreach (var role in needed)
        {
            if (!roles.ContainsKey(role))
            {
                return;
            }
        }

        writer.Line();
        XmlDoc.Summary(writer, "The webhook as framework helpers take it (ASP.NET Core: <c>MapQiwiNotifications</c>): parsing, signature, replies.");
        writer.Line("public static " + CSharp.Runtime + ".QiwiWebhook<", webhook.BodyType, "> Descriptor { get; } = new(");
        writer.Indent();
        writer.Line("Parse,");
        writer.Line(webhook.Signature is null ? "null," : "Signature,");
        writer.Line("ReplyMediaType,");
        writer.LineStart().Append("code => FormatReply(new ").Append(replyType).Append(" { ").Append(code.Name).Append(" = (").Append(code.Type.TypeName).Append(")code }),");
        writer.LineEnd();
        var codesLine = writer.LineStart().Append("new " + CSharp.Runtime + ".QiwiWebhookReplyCodes(");
        for (var i = 0; i < needed.Length; i++)
        {
            codesLine.Append(i == 0 ? string.Empty : ", ").Append(roles[needed[i]]);
        }

        codesLine.Append("));");
        writer.LineEnd();
        writer.Outdent();
    }
}
