// hello: the small stdlib-only program gocross's docs and tests build for every target.
//
//	hello              greets, naming the platform it runs on
//	hello --version    prints the version stamped with -X main.version (gocross does it)
//	hello NAME         greets NAME
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
)

// Set at link time by gocross: -X main.version=… -X main.commit=… -X main.date=…
var (
	version = "dev"
	commit  = "none"
	date    = "unknown"
)

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Printf("hello %s (commit %s, built from %s) %s/%s\n", version, commit, date, runtime.GOOS, runtime.GOARCH)
		return
	}
	name := "world"
	if flag.NArg() > 0 {
		name = flag.Arg(0)
	}
	if _, err := fmt.Printf("Hello, %s! (from %s/%s)\n", name, runtime.GOOS, runtime.GOARCH); err != nil {
		os.Exit(1)
	}
}
