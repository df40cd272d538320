// composecheck loads a Compose file with compose-go, the library behind `docker compose config`, and prints
// the fully resolved project as JSON. It fails (exit 1, one line on stderr) when the file does not validate
// against the Compose specification: what `docker compose config` would reject, this rejects too.
//
//	go run . -f ../../compose.yaml [-env-file ../../.env] > resolved.json
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	file := flag.String("f", "compose.yaml", "the Compose file")
	envFile := flag.String("env-file", "", "an optional .env file")
	flag.Parse()

	opts := []cli.ProjectOptionsFn{cli.WithOsEnv, cli.WithDotEnv, cli.WithInterpolation(true)}
	if *envFile != "" {
		opts = append([]cli.ProjectOptionsFn{cli.WithEnvFiles(*envFile)}, opts...)
	}
	options, err := cli.NewProjectOptions([]string{*file}, opts...)
	if err != nil {
		fail(err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	out, err := json.MarshalIndent(project, "", "  ")
	if err != nil {
		fail(err)
	}
	fmt.Println(string(out))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "composecheck: invalid Compose file:", err)
	os.Exit(1)
}
