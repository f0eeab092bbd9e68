using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>A webhook (x-webhooks): parse its form, verify its signature, and format the reply.</summary>
internal static class WebhookEmitter
{
    public static string Emit(SpecModel spec, WebhookModel webhook)
    {
        const string Pairs = "global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string, string>>";
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, webhook.Summary ?? webhook.OperationId);
        XmlDoc.Remarks(writer, webhook.Description);
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility + " static partial class " + webhook.Name + "Webhook");
        XmlDoc.Summary(writer, "Reads the request's form fields (URL-decoded) into a <see cref=\"" + webhook.BodyType + "\"/>; fields the spec does not list are kept.");
        XmlDoc.Param(writer, "fields", "The form fields of the request.");
        writer.Line("/// <exception cref=\"global::System.FormatException\">A required field is missing or a value cannot be read.</exception>");
        writer.Line("public static " + webhook.BodyType + " Parse(" + Pairs + " fields) => " + webhook.BodyType + ".FromForm(fields);");

        if (webhook.Signature is SignatureModel signature)
        {
            writer.Line();
            XmlDoc.Summary(writer, "How the sender signs the request (x-qiwi-signature): " + signature.Algorithm + " keyed with the " + signature.Key + ", in `" + signature.Target + "`.");
            writer.Line("public static " + CSharp.Runtime + ".QiwiSignatureSpec Signature { get; } = " + SignatureCode.New(signature) + ";");
            writer.Line();
            XmlDoc.Summary(writer, "Checks the signature of the request's fields in constant time.");
            XmlDoc.Param(writer, "fields", "All form fields of the request, as received.");
            XmlDoc.Param(writer, "signature", "The value of `" + signature.Target + "`, or null when absent (then false).");
            XmlDoc.Param(writer, signature.Key, "The secret the signature is keyed with.");
            writer.Line("public static bool VerifySignature(" + Pairs + " fields, string? signature, string " + signature.Key + ")");
            writer.Indent().Line("=> " + CSharp.Runtime + ".QiwiSignature.Verify(Signature, fields, " + signature.Key + ", signature);").Outdent();
        }

        if (webhook.ReplyType is string reply)
        {
            writer.Line();
            XmlDoc.Summary(writer, "The media type of the reply.");
            writer.Line("public const string ReplyMediaType = " + CSharp.Literal(webhook.ReplyMediaType ?? "text/xml") + ";");
            writer.Line();
            XmlDoc.Summary(writer, "The reply body for <paramref name=\"reply\"/>.");
            XmlDoc.Param(writer, "reply", "The reply to send.");
            writer.Open("public static string FormatReply(" + reply + " reply)");
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(reply);");
            writer.Line("return \"<?xml version=\\\"1.0\\\"?>\" + reply.ToXml().ToString(global::System.Xml.Linq.SaveOptions.DisableFormatting);");
            writer.Close();
        }

        writer.Close();
        return writer.ToString();
    }
}
