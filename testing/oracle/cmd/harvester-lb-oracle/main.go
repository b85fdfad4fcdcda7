// harvester-lb-oracle runs cases of Harvester load-balancer IPAM through the CNI host-local allocator and prints
// what happened, for Pooldesk's differential test (app: HarvesterLbOracleTest).
//
// Input on standard input, one JSON object: {"cases": [{"name", "pool", "ranges": [{subnet, rangeStart, rangeEnd,
// gateway}], "status": {allocated, allocatedHistory, lastAllocated}, "steps": [{"create": "ns/name"} |
// {"delete": "ns/name"}]}]}. Output on standard output: {"cases": [{"name", "allocations": [{"request", "address"}],
// "released": [{"request", "address"}], "total", "available", "allocated", "allocatedHistory", "undefined"}]}.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"pooldesk.io/testing/oracle/harvesterlb"
)

type step struct {
	Create string `json:"create,omitempty"`
	Delete string `json:"delete,omitempty"`
}

type input struct {
	Name   string              `json:"name"`
	Pool   string              `json:"pool"`
	Ranges []harvesterlb.Range `json:"ranges"`
	Status *harvesterlb.Status `json:"status"`
	Steps  []step              `json:"steps"`
}

type event struct {
	Request string  `json:"request"`
	Address *string `json:"address"`
}

type output struct {
	Name             string            `json:"name"`
	Allocations      []event           `json:"allocations"`
	Released         []event           `json:"released"`
	Total            int64             `json:"total"`
	Available        int64             `json:"available"`
	Allocated        map[string]string `json:"allocated"`
	AllocatedHistory map[string]string `json:"allocatedHistory"`
	// Undefined says why the reference's outcome is not defined for this case (it ranged over a Go map).
	Undefined string `json:"undefined,omitempty"`
	// Refused is the reference's error when the pool itself is refused (its ranges do not parse).
	Refused string `json:"refused,omitempty"`
	// WithoutRequeue is the same case with every request tried once, at its step, and never again: what a
	// simulation that does not converge (Pooldesk issue 12) would show.
	WithoutRequeue *output `json:"withoutRequeue,omitempty"`
}

func main() {
	var in struct {
		Cases []input `json:"cases"`
	}
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintln(os.Stderr, "harvester-lb-oracle: cannot read the cases:", err)
		os.Exit(2)
	}
	out := struct {
		Cases []output `json:"cases"`
	}{Cases: []output{}}
	for _, c := range in.Cases {
		answer := run(c, true)
		once := run(c, false)
		answer.WithoutRequeue = &once
		out.Cases = append(out.Cases, answer)
	}
	encoder := json.NewEncoder(os.Stdout)
	if err := encoder.Encode(out); err != nil {
		os.Exit(1)
	}
}

// request is one load balancer as the controller sees it: pending until it holds an address.
type request struct {
	id      string
	address *string
	pending bool
}

// run applies the steps in order and after each one requeues every pending load balancer, oldest first, until a
// pass serves none (Harvester's load-balancer controller returns the allocation error and is requeued,
// pkg/controller/loadbalancer/controller.go); without requeue, each request is tried once, when it is created.
func run(c input, requeue bool) output {
	c.Status = c.Status.Copy()
	o := output{Name: c.Name, Allocations: []event{}, Released: []event{}}
	pool, err := harvesterlb.NewPool(c.Pool, c.Ranges, c.Status)
	if err != nil {
		o.Refused = err.Error()
		return o
	}
	var requests []*request
	name := func(id string) string { return "LoadBalancer/" + id }
	reconcile := func() {
		for changed := true; changed && o.Undefined == ""; {
			changed = false
			for _, r := range requests {
				if r.address != nil || (!requeue && r.pending) {
					continue
				}
				ip, err := pool.Get(r.id)
				if err != nil {
					if len(err.Error()) > 10 && err.Error()[:10] == "undefined:" {
						o.Undefined = err.Error()
						return
					}
					if !r.pending {
						r.pending = true
						o.Allocations = append(o.Allocations, event{Request: name(r.id)})
					}
					continue
				}
				text := ip.String()
				r.address, r.pending, changed = &text, false, true
				o.Allocations = append(o.Allocations, event{Request: name(r.id), Address: &text})
			}
		}
	}
	for _, s := range c.Steps {
		switch {
		case s.Create != "":
			requests = append(requests, &request{id: s.Create})
		case s.Delete != "":
			for i, r := range requests {
				if r.id != s.Delete {
					continue
				}
				if r.address != nil {
					if err := pool.Release(r.id); err != nil {
						o.Refused = err.Error()
						return o
					}
					o.Released = append(o.Released, event{Request: name(r.id), Address: r.address})
				}
				requests = append(requests[:i], requests[i+1:]...)
				break
			}
		}
		reconcile()
	}
	o.Total, o.Available = pool.Status.Total, pool.Status.Available
	o.Allocated, o.AllocatedHistory = pool.Status.Allocated, pool.Status.AllocatedHistory
	if o.Allocated == nil {
		o.Allocated = map[string]string{}
	}
	return o
}
