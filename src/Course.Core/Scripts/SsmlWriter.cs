using System.Text;
using System.Xml;
using Course.Core.Rendering;

namespace Course.Core.Scripts;

/// <summary>
/// Writes a chapter as an SSML 1.0 document: a &lt;p&gt; per slide, an &lt;s&gt; per line, and each pause
/// as an explicit &lt;break time="…ms"/&gt;. Markdown is reduced to the words a voice should read.
/// </summary>
public static class SsmlWriter
{
    private const string SsmlNamespace = "http://www.w3.org/2001/10/synthesis";

    public static string Write(ChapterScript script, string language)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
        };
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("speak", SsmlNamespace);
            xml.WriteAttributeString("version", "1.0");
            xml.WriteAttributeString("xml", "lang", null, language);
            foreach (var slide in script.Slides)
            {
                xml.WriteStartElement("p", SsmlNamespace);
                var inSentence = false;
                foreach (var segment in slide.Segments)
                {
                    if (!segment.ContinuesLine && inSentence)
                    {
                        xml.WriteEndElement();
                        inSentence = false;
                    }

                    if (!inSentence)
                    {
                        xml.WriteStartElement("s", SsmlNamespace);
                        inSentence = true;
                    }
                    else
                    {
                        xml.WriteString(" ");
                    }

                    xml.WriteString(SegmentMarkdown.Render(segment.Text).PlainText);
                    if (segment.Pause is { } pause)
                    {
                        xml.WriteStartElement("break", SsmlNamespace);
                        xml.WriteAttributeString("time", $"{pause.Milliseconds}ms");
                        xml.WriteEndElement();
                    }
                }

                if (inSentence)
                {
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
