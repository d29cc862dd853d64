// Prints, per XML file, "FILE ok" or "FILE line:col message", using the JDK's SAX parser
// (Xerces, the family Tomcat's digester uses). Run: java test/support/XmlWellFormed.java FILE...
import java.io.File;
import java.io.IOException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

public class XmlWellFormed {
    public static void main(String[] args) throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        for (String path : args) {
            SAXParser parser = factory.newSAXParser();
            try {
                parser.parse(new File(path), new DefaultHandler() {
                    @Override
                    public void error(SAXParseException e) {}
                });
                System.out.println(path + "\tok");
            } catch (SAXParseException e) {
                System.out.println(path + "\t" + e.getLineNumber() + ":" + e.getColumnNumber() + "\t" + e.getMessage());
            } catch (IOException e) {
                // e.g. UnsupportedEncodingException for encoding="UxTF-8": fatal before any markup
                System.out.println(path + "\t1:1\t" + e);
            }
        }
    }
}
