// Command rusage runs the plugin binary beside it (its own path plus
// ".real") with the same arguments, standard streams and environment, and
// appends the plugin's CPU seconds and peak resident memory, from the
// kernel's accounting of the child, to $BENCH_RUSAGE_FILE when it exits. The
// benchmarks install it under a provider's name, so the provider process of
// every Terraform command is measured exactly, however short-lived.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

func main() {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cmd := exec.Command(self+".real", os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	// Terraform's interrupt reaches the plugin too.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	waitErr := cmd.Wait()
	if file := os.Getenv("BENCH_RUSAGE_FILE"); file != "" {
		if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			if f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
				// user seconds, system seconds, peak RSS in KiB (Linux).
				_, _ = fmt.Fprintf(f, "%d.%06d %d.%06d %d\n", usage.Utime.Sec, usage.Utime.Usec, usage.Stime.Sec, usage.Stime.Usec, usage.Maxrss)
				_ = f.Close()
			}
		}
	}
	if waitErr != nil {
		if exit, ok := waitErr.(*exec.ExitError); ok {
			os.Exit(exit.ExitCode())
		}
		os.Exit(1)
	}
}
