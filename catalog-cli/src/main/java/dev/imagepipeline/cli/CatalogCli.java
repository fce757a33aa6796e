package dev.imagepipeline.cli;

import java.io.Console;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code catalog} command: submits product catalogs to a running image-pipeline and collects their images. Tests
 * and other programs run it with {@link #commandLine(boolean)}, giving it their own output streams.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true, versionProvider = CatalogCli.Version.class, description = {
        "Submits product catalogs to a running image-pipeline and collects their images.", "",
        "Start with: catalog submit --help"})
public final class CatalogCli implements Callable<Integer> {

    /** Every item of the catalog has its images. */
    public static final int OK = 0;
    /** The catalog finished, but some items failed or were canceled, or lines of the file were rejected. */
    public static final int ITEMS_FAILED = 1;
    /** The command line is wrong: an unknown option, no such file, a format that cannot be told. */
    public static final int USAGE = 2;
    /** The pipeline refused the upload or a request (4xx), and says why. */
    public static final int REFUSED = 3;
    /** The pipeline could not be reached, failed (5xx), or its event stream could not be followed to the end. */
    public static final int UNREACHABLE = 4;
    /** The catalog was canceled. */
    public static final int CANCELED = 5;
    /** A defect of this program. */
    public static final int BUG = 70;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(terminal()).execute(args));
    }

    /**
     * The command, ready to {@link CommandLine#execute(String...) execute}; set its output with
     * {@link CommandLine#setOut} and {@link CommandLine#setErr}.
     *
     * @param terminal whether the output is a terminal, where progress is drawn as a bar
     */
    public static CommandLine commandLine(boolean terminal) {
        return new CommandLine(new CatalogCli()).addSubcommand(new SubmitCommand(terminal))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
                    commandLine.getErr().println("catalog: unexpected error: " + exception);
                    return BUG;
                });
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** A terminal that can redraw a line in place; not a pipe, a file or a dumb terminal. */
    static boolean terminal() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            // Java 22 and later may give a console on a pipe too, and tell it apart with isTerminal().
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException olderJava) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = CatalogCli.class.getPackage().getImplementationVersion();
            return new String[]{"catalog-cli " + (version == null ? "(development build)" : version)};
        }
    }
}
